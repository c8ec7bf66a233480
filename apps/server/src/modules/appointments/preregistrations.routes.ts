import {
  PREREGISTRATION_NO,
  PREREGISTRATION_PHOTO_KINDS,
  PREREGISTRATION_STATUSES,
  PreregistrationInputSchema,
  PreregistrationPhotoKindSchema,
} from '@shtp/core/ebike';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, perm } from '../../platform/http/access.ts';
import { IMAGES, MULTIPART, MULTIPART_CEILINGS, readMultipart, UPLOAD_ROUTE, useMultipart } from '../../platform/http/multipart.ts';
import { appointmentsParams } from './appointments.params.ts';
import { AP } from './appointments.permissions.ts';
import { PHOTO_TYPE_CHECK, type PreregistrationsService, preregistrationView } from './preregistrations.service.ts';

const tags = ['非机动车网上预登记'];
const PreregistrationSchema = z.object({
  preregNo: z.string(),
  departmentCode: z.string(),
  station: z.string(),
  zcbm: z.string(),
  plateWanted: z.string().nullable(),
  brand: z.string(),
  model: z.string(),
  submittedAt: z.string(),
  status: z.enum(PREREGISTRATION_STATUSES),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** 已登记: the 流水号 of the window's 注册登记. */
  lsh: z.string().nullable(),
  /** The photos attached (one per kind), as they crossed with it. */
  photos: z.array(z.object({ kind: z.enum(PREREGISTRATION_PHOTO_KINDS), mime: z.string(), size: z.number(), uploadedAt: z.string() })),
});
const PhotoForm = z.object({
  photo: z.unknown().describe('照片（JPEG 或 PNG，按文件内容识别；大小上限为参数“网上预登记照片大小上限”）'),
  kind: z.enum(PREREGISTRATION_PHOTO_KINDS).describe('照片类别：vehicle 车辆照片、owner_id 所有人身份证明、invoice 购车发票、certificate 出厂合格证明'),
});
const claim = {
  openid: z.string({ error: '请填写随申办用户标识' }).trim().min(8, '随申办用户标识格式不正确').max(64, '随申办用户标识格式不正确').optional(),
  assertion: z.string({ error: '随申办身份断言格式不正确' }).max(4096, '随申办身份断言过长').optional(),
};
const needsCitizen = (b: { openid?: string | undefined; assertion?: string | undefined }) => Boolean(b.openid || b.assertion);
const citizenMessage = { path: ['openid'], message: '请填写随申办用户标识或提供随申办身份断言' };

/** Signed partner calls (scope `preregistration:submit`) and the back office: file an e-bike pre-registration, read its decision. */
export async function preregistrationsRoutes(fastify: FastifyInstance, service: PreregistrationsService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  await useMultipart(fastify);
  app.post(
    '/api/preregistrations',
    {
      config: { access: perm(AP.preregister), service: 'preregistration:submit', idempotent: true },
      schema: {
        tags,
        summary:
          '非机动车网上预登记（所有人身份证号、姓名、手机号，整车编码、品牌、型号、购车发票号码，可选号牌）；同一人同一整车编码重复提交返回原预登记；经数据交换送公安网登记站点',
        body: PreregistrationInputSchema.extend(claim).refine(needsCitizen, citizenMessage),
        response: { 200: z.object({ preregistration: PreregistrationSchema, repeated: z.boolean() }) },
      },
    },
    async (request) => {
      const { preregistration, repeated } = await service.submit(request.body, actorOf(request));
      return { preregistration: preregistrationView(preregistration, { status: 'submitted', reason: null, decidedAt: null, lsh: null }), repeated };
    },
  );
  app.get(
    '/api/preregistrations/:preregNo',
    {
      config: { access: perm(AP.preregister), service: 'preregistration:submit' },
      schema: {
        tags,
        summary: '查询网上预登记及登记站点的处理结果（待受理、已受理、已退回及原因、已登记及流水号；经数据交换自公安网送达）；须为提交人本人',
        params: z.strictObject({ preregNo: z.string().regex(PREREGISTRATION_NO, '预登记编号格式不正确') }),
        querystring: z.strictObject(claim).refine(needsCitizen, citizenMessage),
        response: { 200: z.object({ preregistration: PreregistrationSchema }) },
      },
    },
    async (request) => {
      const { preregistration, decision } = await service.show(request.params.preregNo, request.query);
      return { preregistration: preregistrationView(preregistration, decision) };
    },
  );
  app.post(
    '/api/preregistrations/:preregNo/photos',
    {
      // Idempotent by its content (the same photo of the same kind again changes nothing): an upload takes no key.
      config: { access: perm(AP.preregister), service: 'preregistration:submit' },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary:
          '为网上预登记上传照片（车辆照片、所有人身份证明、购车发票、出厂合格证明，每类一张，新的替换旧的；JPEG 或 PNG，按文件内容识别）；须为提交人本人、登记站点尚未处理；照片随预登记经数据交换送公安网登记窗口',
        consumes: MULTIPART,
        params: z.strictObject({ preregNo: z.string().regex(PREREGISTRATION_NO, '预登记编号格式不正确') }),
        querystring: z.strictObject(claim).refine(needsCitizen, citizenMessage),
        body: PhotoForm,
        response: { 200: z.object({ preregistration: PreregistrationSchema }) },
      },
    },
    async (request) => {
      const maxBytes = Math.min((await service.params.get(appointmentsParams.preregPhotoMaxMegabytes)) * 1024 * 1024, MULTIPART_CEILINGS.fileSize);
      const { files, fields } = await readMultipart(request, {
        fileField: 'photo',
        kind: IMAGES,
        maxFiles: 1,
        maxBytes,
        fields: z.strictObject({ kind: PreregistrationPhotoKindSchema }),
        typeCheck: PHOTO_TYPE_CHECK,
      });
      const { preregistration, decision } = await service.addPhoto(request.params.preregNo, request.query, fields.kind, files[0]!, actorOf(request));
      return { preregistration: preregistrationView(preregistration, decision) };
    },
  );
}
