import {
  PiiViewBodySchema,
  PREREGISTRATION_NO,
  PreregistrationDecisionSchema,
  PreregistrationDraftSchema,
  PreregistrationItemSchema,
  PreregistrationListQuerySchema,
  PreregistrationListSchema,
} from '@shtp/core/ebike';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { EP } from './ebike.permissions.ts';
import { PREREGISTRATION_DECIDE_PERMISSION, PREREGISTRATION_REGISTER_PERMISSION } from './preregistration.policy.ts';
import type { PreregistrationService } from './preregistration.service.ts';

const tags = ['电动自行车网上预登记'];
const params = z.strictObject({ preregNo: z.string().regex(PREREGISTRATION_NO, '预登记编号格式不正确') });
const photoParams = params.extend({ digest: z.string().regex(/^[0-9a-f]{64}$/, '照片编号无效') });

/** 网上预登记: the window's list (masked, audited), the audited clear view, 受理 / 退回 that crosses back, and the 注册登记 prefill. */
export async function preregistrationRoutes(fastify: FastifyInstance, service: PreregistrationService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/ebike/preregistrations',
    {
      config: { access: perm(EP.register) },
      schema: {
        tags,
        summary: '本部门数据范围内的网上预登记（互联网区提交，经数据交换接收；姓名、身份证号、手机号、发票号脱敏），可按状态筛选；每次查询留审计',
        querystring: PreregistrationListQuerySchema,
        response: { 200: PreregistrationListSchema },
      },
    },
    (r) => service.list(authOf(r).principal, actorOf(r), r.query.status),
  );
  app.post(
    '/api/ebike/preregistrations/:preregNo/pii-view',
    {
      config: { access: perm(EP.piiView) },
      schema: {
        tags,
        summary: '查看网上预登记的所有人明文：须说明事由与原因，留审计；身份证号隐去出生日期，完整号码另需权限且事由允许',
        params,
        body: PiiViewBodySchema,
        response: { 200: PreregistrationItemSchema },
      },
    },
    (r) => service.piiView(authOf(r).principal, actorOf(r), r.params.preregNo, r.body),
  );
  app.post(
    '/api/ebike/preregistrations/:preregNo/decision',
    {
      config: { access: perm(PREREGISTRATION_DECIDE_PERMISSION), idempotent: true },
      schema: {
        tags,
        summary: '受理或退回网上预登记（退回须填原因；本部门数据范围内、待受理的）；结果经数据交换送互联网区；留审计',
        params,
        body: PreregistrationDecisionSchema,
        response: { 200: PreregistrationItemSchema },
      },
    },
    (r) => service.decide(authOf(r).principal, actorOf(r), r.params.preregNo, r.body),
  );
  app.get(
    '/api/ebike/preregistrations/:preregNo/draft',
    {
      config: { access: perm(PREREGISTRATION_REGISTER_PERMISSION) },
      schema: {
        tags,
        summary:
          '按已受理的网上预登记预填注册登记（所有人明文，供本窗口办理，留审计）；注册登记请求带 preregNo 即完成该预登记（已登记及流水号经数据交换送互联网区）',
        params,
        response: { 200: PreregistrationDraftSchema },
      },
    },
    (r) => service.draft(authOf(r).principal, actorOf(r), r.params.preregNo),
  );
  app.get(
    '/api/ebike/preregistrations/:preregNo/photos/:digest',
    {
      config: { access: perm(PREREGISTRATION_REGISTER_PERMISSION) },
      schema: {
        tags,
        summary: '查看随网上预登记经数据交换送达的照片（本部门数据范围内；JPEG 或 PNG，不缓存；每次查看留审计）',
        params: photoParams,
      },
    },
    async (r, reply) => {
      const photo = await service.photo(authOf(r).principal, actorOf(r), r.params.preregNo, r.params.digest);
      return reply
        .header('content-type', photo.mime)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${photo.kind}.${photo.mime === 'image/png' ? 'png' : 'jpg'}"`)
        .send(photo.data);
    },
  );
}
