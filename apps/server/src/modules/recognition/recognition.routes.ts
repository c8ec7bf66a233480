import { PLATE_VEHICLES, safeString } from '@shtp/core/validators';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, perm } from '../../platform/http/access.ts';
import { fileTooLarge, IMAGES, MULTIPART, UPLOAD_ROUTE, useMultipart } from '../../platform/http/multipart.ts';
import type { ModuleContext } from '../app-module.ts';
import { sharedOcrEngine } from './engine/ocr-engine.ts';
import { readImageForm } from './image-form.ts';
import { RecaptureFormSchema, RecaptureResultSchema } from './recapture/recapture.schema.ts';
import { RecaptureService } from './recapture/recapture.service.ts';
import { recognitionParams } from './recognition.params.ts';
import { RP } from './recognition.permissions.ts';
import {
  EngineStatusSchema,
  IdCardFormSchema,
  IdCardResultSchema,
  IdNumberFormSchema,
  IdNumberResultSchema,
  PdaIdNumberBodySchema,
  PdaPlateBodySchema,
  PlateFormSchema,
  PlateResultSchema,
} from './recognition.schema.ts';
import { RecognitionService } from './recognition.service.ts';

const tags = ['图像识别'];
/** A sealed handheld photo: the device sends at most a few hundred kB (it scales the photo down first). */
const PDA_ENVELOPE_BODY_LIMIT = 12 * 1024 * 1024;

const errorsDoc =
  '错误：400 图片无法解码 / 像素过多 / 字段无效；413 文件过大；415 非 multipart 或图片类型不支持（仅 JPEG、PNG、WebP，按文件头判断）；503 识别服务繁忙、超时或不可用。';

/** 图像识别: plate, ID number and ID card recognition (multipart upload, field `image`). */
export async function recognitionRoutes(fastify: FastifyInstance, { platform, apis }: Pick<ModuleContext, 'platform' | 'apis'>) {
  // Multipart only in this module's scope (documentRoutes shares it).
  await useMultipart(fastify);
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const engine = sharedOcrEngine();
  const service = new RecognitionService(platform, engine, apis);

  fastify.addHook('onReady', async () => {
    if (platform.config.env === 'test' || !(await platform.params.get(recognitionParams.warmUp))) return;
    // In the background: the server answers while the models load.
    engine.warmUp().then(
      (ms) => fastify.log.info({ coldStartMs: ms }, 'OCR engine warmed up'),
      (err: unknown) => fastify.log.error({ err }, 'OCR engine warm-up failed'),
    );
  });
  fastify.addHook('onClose', () => engine.close());

  app.post(
    '/api/recognition/plate',
    {
      config: { access: perm(RP.plate), service: 'recognition:call' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '号牌识别',
        description: `上传车辆照片或号牌裁剪图，按号牌格式（普通、新能源、电动自行车）而非位置挑选号牌，返回规范化号码、类型、置信度、位置和候选。${errorsDoc}`,
        consumes: MULTIPART,
        body: PlateFormSchema,
        response: { 200: PlateResultSchema },
      },
    },
    async (request) => {
      const { image, fields } = await readImageForm(
        request,
        service,
        z.strictObject({ kind: z.enum(PLATE_VEHICLES, { error: 'kind 须为 any、motor 或 ebike' }).optional() }),
      );
      return service.plate(image, fields, actorOf(request));
    },
  );

  // P1 on the handheld: the photo travels inside the device's digital envelope, like every handheld payload (C1).
  const sealedImage = async (base64: string) => {
    const image = Buffer.from(base64, 'base64');
    const maxBytes = await service.maxFileBytes();
    if (image.length > maxBytes) throw fileTooLarge(IMAGES, maxBytes);
    return image;
  };
  const sealed = (permission: string) => ({ config: { access: perm(permission), envelope: true }, bodyLimit: PDA_ENVELOPE_BODY_LIMIT });
  app.post(
    '/api/pda/recognition/plate',
    { ...sealed(RP.plate), schema: { tags, summary: '号牌识别（执法终端，数字信封）', body: PdaPlateBodySchema, response: { 200: PlateResultSchema } } },
    async (request) => service.plate(await sealedImage(request.body.image), { kind: request.body.kind }, actorOf(request)),
  );
  app.post(
    '/api/pda/recognition/id-number',
    {
      ...sealed(RP.idNumber),
      schema: { tags, summary: '身份号码识别（执法终端，数字信封）', body: PdaIdNumberBodySchema, response: { 200: IdNumberResultSchema } },
    },
    async (request) => service.idNumber(await sealedImage(request.body.image), actorOf(request)),
  );

  app.post(
    '/api/recognition/id-number',
    {
      config: { access: perm(RP.idNumber), service: 'recognition:call' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '身份号码识别',
        description: `上传含 18 位公民身份号码的图片（证件照片或号码条），返回号码、校验码与出生日期检查、置信度和位置。号码为个人信息：审计只记录识别行为，不记录号码。${errorsDoc}`,
        consumes: MULTIPART,
        body: IdNumberFormSchema,
        response: { 200: IdNumberResultSchema },
      },
    },
    async (request) => {
      const { image } = await readImageForm(request, service, z.strictObject({}));
      return service.idNumber(image, actorOf(request));
    },
  );

  app.post(
    '/api/recognition/id-card',
    {
      config: { access: perm(RP.idCard), service: 'recognition:call' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '居民身份证识别（正面/背面）',
        description: `正面：姓名、性别、民族、出生、住址、公民身份号码（校验码核验，出生日期与性别与号码交叉比对）；背面：签发机关、有效期限。每个字段带置信度与来源行、位置。${errorsDoc}`,
        consumes: MULTIPART,
        body: IdCardFormSchema,
        response: { 200: IdCardResultSchema },
      },
    },
    async (request) => {
      const { image, fields } = await readImageForm(
        request,
        service,
        z.strictObject({ side: z.enum(['auto', 'front', 'back'], { error: 'side 须为 auto、front 或 back' }).optional() }),
      );
      return service.idCard(image, fields, actorOf(request));
    },
  );

  const recapture = new RecaptureService(platform);
  fastify.addHook('onClose', () => recapture.close());
  app.post(
    '/api/recognition/recapture',
    {
      config: { access: perm(RP.recapture), service: 'recognition:call' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '翻拍检测（屏幕翻拍、打印件翻拍）',
        description: `上传证件照片并指明证件类型，返回翻拍分数（0–1）、按该类型阈值（系统参数）作出的判定（原件 / 翻拍 / 待人工确认）、触发的线索（摩尔纹、半色调网点、边缘模糊、色彩异常、重复压缩）和模型版本。证件类型无效返回 400。模型在合成数据上训练，须用真实样本重新标定。${errorsDoc}`,
        consumes: MULTIPART,
        body: RecaptureFormSchema,
        response: { 200: RecaptureResultSchema },
      },
    },
    async (request) => {
      const { image, fields } = await readImageForm(
        request,
        service,
        z.strictObject({ docType: safeString({ error: '证件类型须为文本' }, '证件类型').optional() }),
      );
      return recapture.check(image, fields.docType, actorOf(request));
    },
  );

  app.get(
    '/api/recognition/engine',
    { config: { access: perm(RP.plate, RP.idNumber, RP.idCard) }, schema: { tags, summary: '识别引擎状态（本实例）', response: { 200: EngineStatusSchema } } },
    () => ({ ...engine.stats(), rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024) }),
  );
}
