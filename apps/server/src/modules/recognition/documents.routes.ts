import { checkIdNumber, safeString } from '@shtp/core/validators';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, perm } from '../../platform/http/access.ts';
import { AppError } from '../../platform/http/errors.ts';
import { IMAGES, MULTIPART, readMultipart, UPLOAD_ROUTE } from '../../platform/http/multipart.ts';
import type { ModuleContext } from '../app-module.ts';
import { DocumentsService } from './documents.service.ts';
import { sharedOcrEngine } from './engine/ocr-engine.ts';
import { readImageForm } from './image-form.ts';
import { businessDataProblems } from './invoice/authenticity.ts';
import { RP } from './recognition.permissions.ts';
import type { RecognitionPorts } from './recognition.ports.ts';
import {
  ClassifyResultSchema,
  DocumentFormSchema,
  ImportCertificateResultSchema,
  InvoiceBusinessFields,
  InvoiceFormSchema,
  InvoiceResultSchema,
  LicenceResultSchema,
  MaterialsFormSchema,
  MaterialsResultSchema,
} from './recognition.schema.ts';

const tags = ['图像识别'];
const errorsDoc =
  '错误：400 图片无法解码 / 像素过多 / 字段无效；413 文件过大；415 非 multipart 或图片类型不支持（仅 JPEG、PNG、WebP，按文件头判断）；400 业务数据校验未通过（逐项中文提示）；503 识别服务繁忙、超时或不可用。';

const invalid = (details: { field: string; message: string }[]) => new AppError(400, 'VALIDATION_FAILED', '输入校验未通过', details);

/**
 * 图像识别 phase 2: invoices with authenticity checks (T20), business licences, import certificates, document-type
 * classification and the non-Shanghai materials check (T21). Multipart is registered by recognitionRoutes in the same
 * plugin scope; the tax verification port comes from the module's `connect` (a simulator outside production without TAX_VERIFY_URL).
 */
export async function documentRoutes(fastify: FastifyInstance, { platform, ports, apis }: ModuleContext<RecognitionPorts>) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new DocumentsService(platform, sharedOcrEngine(), apis, ports.taxVerify.port);

  app.post(
    '/api/recognition/invoice',
    {
      config: { access: perm(RP.invoice), service: 'recognition:call' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '发票识别与真伪核验（机动车销售统一发票、数电发票）',
        description: `识别发票代码、号码、开票日期、购买方及证件号码、车辆信息、车辆识别代号、价税合计（大写、小写）、不含税价、税额、销售方；核验：号码结构与年份地区、校验码（车辆识别代号、身份证号码、统一社会信用代码）、价税合计 = 不含税价 + 税额、大写 = 小写、税额 = 不含税价 × 税率、二维码与票面一致、与业务数据一致（可选字段），并向税务机关查验发票是否存在及状态（正常/作废/红冲；查验不可用时为未知）。${errorsDoc}`,
        consumes: MULTIPART,
        body: InvoiceFormSchema,
        response: { 200: InvoiceResultSchema },
      },
    },
    async (request) => {
      const { image, fields } = await readImageForm(request, service, z.strictObject(InvoiceBusinessFields));
      const business = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as typeof fields;
      const problems = businessDataProblems(business);
      if (problems.length) throw invalid(problems);
      return service.invoice(image, business, actorOf(request));
    },
  );

  app.post(
    '/api/recognition/licence',
    {
      config: { access: perm(RP.licence), service: 'recognition:call' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '营业执照识别',
        description: `识别统一社会信用代码（GB 32100 校验）、名称、类型、法定代表人、注册资本、成立日期、营业期限、住所、经营范围、登记机关。${errorsDoc}`,
        consumes: MULTIPART,
        body: DocumentFormSchema,
        response: { 200: LicenceResultSchema },
      },
    },
    async (request) => service.licence((await readImageForm(request, service, z.strictObject({}))).image, actorOf(request)),
  );

  app.post(
    '/api/recognition/import-certificate',
    {
      config: { access: perm(RP.importCertificate), service: 'recognition:call' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '货物进口证明书识别',
        description: `识别证明书号、收货人、进口口岸、贸易方式、品牌、型号、车辆识别代号（ISO 3779 校验位）、发动机号、原产国、进口日期、报关单号。${errorsDoc}`,
        consumes: MULTIPART,
        body: DocumentFormSchema,
        response: { 200: ImportCertificateResultSchema },
      },
    },
    async (request) => service.importCertificate((await readImageForm(request, service, z.strictObject({}))).image, actorOf(request)),
  );

  app.post(
    '/api/recognition/classify',
    {
      config: { access: perm(RP.classify), service: 'recognition:call' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '证件类型识别',
        description: `按文字关键词与版式判断图片类型（居民身份证人像面/国徽面、机动车销售统一发票、数电发票、营业执照、货物进口证明书、居住证、其他），返回各类型得分、置信度，并按该类型读取字段。${errorsDoc}`,
        consumes: MULTIPART,
        body: DocumentFormSchema,
        response: { 200: ClassifyResultSchema },
      },
    },
    async (request) => service.classify((await readImageForm(request, service, z.strictObject({}))).image, actorOf(request)),
  );

  app.post(
    '/api/recognition/materials',
    {
      config: { access: perm(RP.materials), service: 'recognition:call' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '非沪籍申请人材料核查（T21）',
        description: `上传同一临牌业务的多张材料图片（字段 images，可重复）和申请人身份证号码；号码非上海（非 31 开头）时，按系统参数 recognition.t21.requiredMaterials 报告每项材料已提供、缺少或无法识别，并核对证件号码与申请人一致、居住证在有效期内。${errorsDoc}`,
        consumes: MULTIPART,
        body: MaterialsFormSchema,
        response: { 200: MaterialsResultSchema },
      },
    },
    async (request) => {
      const { files, fields } = await readMultipart(request, {
        fileField: 'images',
        kind: IMAGES,
        maxFiles: await service.maxMaterialImages(),
        maxBytes: await service.maxFileBytes(),
        fields: z.strictObject({ idNumber: safeString({ error: '请填写申请人身份证号码' }, '申请人身份证号码').max(30, '申请人身份证号码不能超过 30 个字符') }),
      });
      const id = checkIdNumber(fields.idNumber, { label: '申请人身份证号码' });
      if (!id.ok) throw invalid([{ field: 'idNumber', message: id.message }]);
      return service.materials(
        files.map((f) => f.data),
        id.value,
        actorOf(request),
      );
    },
  );
}
