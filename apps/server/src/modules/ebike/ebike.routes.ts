import {
  BusinessResultSchema,
  CancelBodySchema,
  ChangeBodySchema,
  CorrectBodySchema,
  LockBodySchema,
  PdaVehicleSchema,
  PiiViewBodySchema,
  PlateBatchBodySchema,
  PlatePoolStatsSchema,
  ProjectionCheckRequestSchema,
  ProjectionReportSchema,
  ReconcileBodySchema,
  ReconciliationSchema,
  RecoverBodySchema,
  RegisterBodySchema,
  ReplacePlateBodySchema,
  TheftBodySchema,
  TransferBodySchema,
  UnlockBodySchema,
  UploadFilterSchema,
  UploadItemSchema,
  UploadListQuerySchema,
  UploadStatsSchema,
  VehicleDetailSchema,
  VehicleLabelBodySchema,
  VehicleSearchQuerySchema,
  VehicleSummarySchema,
} from '@shtp/core/ebike';
import { BigIdParamsSchema, pageOf } from '@shtp/core/platform';
import { DepartmentSchema } from '@shtp/core/system';
import { safeString } from '@shtp/core/validators';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../platform/export/xlsx-stream.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { fastResponse } from '../../platform/http/fast-response.ts';
import { idempotencyKeyOf, requestDigest } from '../../platform/http/idempotency-key.ts';
import type { Platform } from '../../platform/platform.ts';
import { type ModuleContext, requireApi } from '../app-module.ts';
import { appointmentRoutes } from './appointments.routes.ts';
import { BUSINESS_PERMISSION } from './business.policy.ts';
import { EP } from './ebike.permissions.ts';
import type { EbikePorts } from './ebike.ports.ts';
import { type Caller, EbikeService } from './ebike.service.ts';
import { LabelService } from './label.service.ts';
import { PlatesService } from './plates.service.ts';
import { PreregistrationService } from './preregistration.service.ts';
import { PreregistrationLink } from './preregistration-link.ts';
import { preregistrationRoutes } from './preregistrations.routes.ts';
import { QueryService } from './query.service.ts';
import { LEDGER_DIGEST_KEY } from './request-digest.ts';
import { UploadService } from './upload/upload.service.ts';

/**
 * The caller of a business, with its Idempotency-Key: the ledger keeps the key in the business's own transaction
 * (a retry can never register twice), so these routes do not declare `config.idempotent`; the header, the digest and
 * the 422 are the platform's (platform/http/idempotency-key.ts).
 */
function caller(platform: Platform, request: FastifyRequest): Caller {
  const key = idempotencyKeyOf(request);
  return {
    principal: authOf(request).principal,
    actor: actorOf(request),
    requestKey: key,
    requestDigest: key === undefined ? undefined : requestDigest(platform.keys, request, LEDGER_DIGEST_KEY.purpose),
  };
}

/** 电动自行车: the eight businesses, single query, upload monitor, plate pools, PDA lookups. */
export async function ebikeRoutes(fastify: FastifyInstance, { platform, apis, ports }: ModuleContext<EbikePorts>) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new EbikeService(platform, new PreregistrationLink(platform, () => requireApi(apis, 'exchange')));
  const query = new QueryService(platform);
  const uploads = new UploadService(platform, ports.liuheyi.port);
  const plates = new PlatesService(platform, () => requireApi(apis, 'system'));
  const labels = new LabelService(platform);
  const principal = (r: FastifyRequest) => authOf(r).principal;
  const response = { 200: BusinessResultSchema };
  await appointmentRoutes(fastify, platform, () => requireApi(apis, 'exchange'));
  await preregistrationRoutes(fastify, new PreregistrationService(platform, () => requireApi(apis, 'exchange')));

  let tags = ['电动自行车登记'];
  app.post(
    '/api/ebike/vehicles',
    {
      config: { access: perm(BUSINESS_PERMISSION.register) },
      schema: {
        tags,
        summary: '注册登记（E1）；可带 Idempotency-Key；带 preregNo 时完成该已受理的网上预登记（同一预登记只登记一次）',
        body: RegisterBodySchema,
        response,
      },
    },
    (r) => service.register(caller(platform, r), r.body),
  );
  const business = <S extends z.ZodType>(
    path: string,
    permission: string,
    summary: string,
    body: S,
    run: (c: Caller, id: number, b: z.infer<S>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/ebike/vehicles/:id/${path}`,
      { config: { access: perm(permission) }, schema: { tags, summary, params: BigIdParamsSchema, body, response } },
      (r) => run(caller(platform, r), r.params.id, r.body as z.infer<S>) as Promise<z.infer<typeof BusinessResultSchema>>,
    );
  business('transfer', BUSINESS_PERMISSION.transfer, '转移登记（E2）', TransferBodySchema, (c, id, b) => service.transfer(c, id, b));
  business('change', BUSINESS_PERMISSION.change, '变更登记（E3）', ChangeBodySchema, (c, id, b) => service.change(c, id, b));
  business('cancel', BUSINESS_PERMISSION.cancel, '注销登记（E4）', CancelBodySchema, (c, id, b) => service.cancel(c, id, b));
  business('replace-plate', BUSINESS_PERMISSION.replace_plate, '补换牌登记（E5）', ReplacePlateBodySchema, (c, id, b) =>
    service.replacePlateBusiness(c, id, b),
  );
  business('theft', BUSINESS_PERMISSION.theft, '失窃登记（E6）', TheftBodySchema, (c, id, b) => service.theft(c, id, b));
  business('recover', BUSINESS_PERMISSION.recover, '失窃找回（E6）', RecoverBodySchema, (c, id, b) => service.recover(c, id, b));
  business('correct', BUSINESS_PERMISSION.correct, '更正（E7）', CorrectBodySchema, (c, id, b) => service.correct(c, id, b));
  business('lock', BUSINESS_PERMISSION.lock, '锁定（E8）', LockBodySchema, (c, id, b) => service.lock(c, id, b));
  business('unlock', BUSINESS_PERMISSION.unlock, '解锁（E8，仅锁定部门或其上级）', UnlockBodySchema, (c, id, b) => service.unlock(c, id, b));

  tags = ['电动自行车查询'];
  app.get(
    '/api/ebike/vehicles',
    {
      ...fastResponse,
      config: { access: perm(EP.query) },
      schema: {
        tags,
        summary: '单项查询（E9）：号牌、整车编码、电机号、身份证明号码或电话，精确匹配',
        querystring: VehicleSearchQuerySchema,
        response: { 200: z.array(VehicleSummarySchema) },
      },
    },
    (r) => query.search(principal(r), actorOf(r), r.query),
  );
  app.get(
    '/api/ebike/vehicles/export',
    {
      config: { access: perm(EP.query) },
      schema: { tags, summary: '导出单项查询结果（Excel，所有人脱敏）', querystring: VehicleSearchQuerySchema },
    },
    async (r, reply) => sendXlsx(reply, '车辆查询结果', 'ebike-vehicles', await query.export(principal(r), actorOf(r), r.query)),
  );
  app.get(
    '/api/ebike/vehicles/:id',
    {
      ...fastResponse,
      config: { access: perm(EP.query) },
      // No query parameters: the clear view is its own audited POST with a reason (a leftover ?clear=true is a 400).
      schema: {
        tags,
        summary: '车辆详情与业务历史（个人信息脱敏）',
        params: BigIdParamsSchema,
        querystring: z.strictObject({}),
        response: { 200: VehicleDetailSchema },
      },
    },
    (r) => query.detail(principal(r), actorOf(r), r.params.id),
  );
  app.post(
    '/api/ebike/vehicles/:id/pii-view',
    {
      config: { access: perm(EP.piiView) },
      schema: {
        tags,
        summary: '查看个人信息明文：须说明事由与原因，留审计；身份证明号码隐去出生日期，完整号码另需权限且事由允许',
        params: BigIdParamsSchema,
        body: PiiViewBodySchema,
        response: { 200: VehicleDetailSchema },
      },
    },
    (r) => query.piiView(principal(r), actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/api/ebike/vehicles/:id/label',
    {
      config: { access: perm(EP.label) },
      schema: {
        tags,
        summary: '设置车辆记录的安全标记（AC-6，不高于本人安全标记，留审计）',
        params: BigIdParamsSchema,
        body: VehicleLabelBodySchema,
        response: { 200: VehicleDetailSchema },
      },
    },
    (r) => labels.set({ principal: principal(r), actor: actorOf(r) }, r.params.id, r.body),
  );

  tags = ['六合一上传监控'];
  app.get(
    '/api/ebike/uploads/stats',
    { config: { access: perm(EP.uploadList) }, schema: { tags, summary: '各状态数量与失败原因', response: { 200: UploadStatsSchema } } },
    (r) => uploads.stats(principal(r)),
  );
  app.get(
    '/api/ebike/uploads',
    {
      config: { access: perm(EP.uploadList) },
      schema: { tags, summary: '上传记录（分页）', querystring: UploadListQuerySchema, response: { 200: pageOf(UploadItemSchema) } },
    },
    (r) => uploads.list(principal(r), r.query),
  );
  app.get(
    '/api/ebike/uploads/export',
    { config: { access: perm(EP.uploadList) }, schema: { tags, summary: '导出上传记录（Excel，流式，按筛选条件）', querystring: UploadFilterSchema } },
    async (r, reply) => sendXlsx(reply, '六合一上传监控', 'ebike-uploads', await uploads.export(principal(r), actorOf(r), r.query)),
  );
  app.get(
    '/api/ebike/uploads/reconciliations',
    {
      config: { access: perm(EP.uploadList) },
      schema: { tags, summary: '与六合一的每日对账结果（最近 30 天）', response: { 200: z.array(ReconciliationSchema) } },
    },
    (r) => uploads.reconciliations(principal(r)),
  );
  app.get(
    '/api/ebike/uploads/projection-report',
    {
      config: { access: perm(EP.uploadList) },
      schema: { tags, summary: '最近一次“当前登记与业务台账”核对的结果', response: { 200: ProjectionReportSchema } },
    },
    () => uploads.projectionReport(),
  );
  app.post(
    '/api/ebike/uploads/projection-check',
    {
      config: { access: perm(EP.uploadResend) },
      schema: {
        tags,
        summary: '立即核对当前登记与业务台账（排入任务队列；同一小时内重复提交返回同一任务）',
        response: { 202: ProjectionCheckRequestSchema },
      },
    },
    async (r, reply) => reply.code(202).send(await uploads.requestProjectionCheck(actorOf(r))),
  );
  app.post(
    '/api/ebike/uploads/reconciliations',
    {
      config: { access: perm(EP.uploadResend) },
      schema: {
        tags,
        summary: '立即与六合一对账指定日期（六合一缺少的业务标记为失败，可重新上传）',
        body: ReconcileBodySchema,
        response: { 200: ReconciliationSchema },
      },
    },
    (r) => uploads.reconcile(principal(r), actorOf(r), r.body.day),
  );
  app.post(
    '/api/ebike/uploads/:id/resend',
    {
      config: { access: perm(EP.uploadResend) },
      schema: { tags, summary: '重新上传失败的业务（按流水号幂等）', params: BigIdParamsSchema, response: { 204: z.null() } },
    },
    async (r, reply) => {
      await uploads.resend(principal(r), actorOf(r), r.params.id);
      return reply.status(204).send(null);
    },
  );

  tags = ['电动自行车号牌'];
  app.post(
    '/api/ebike/plates/batches',
    {
      config: { access: perm(EP.plateManage) },
      schema: { tags, summary: '生成号段', body: PlateBatchBodySchema, response: { 200: z.object({ added: z.number().int(), skipped: z.number().int() }) } },
    },
    (r) => plates.generate(principal(r), actorOf(r), r.body),
  );
  app.get(
    '/api/ebike/plates/stats',
    { config: { access: perm(EP.plateList) }, schema: { tags, summary: '号牌库存（数据范围内的部门）', response: { 200: PlatePoolStatsSchema } } },
    (r) => plates.stats(principal(r)),
  );
  app.get(
    '/api/ebike/plates/export',
    { config: { access: perm(EP.plateList) }, schema: { tags, summary: '导出号牌库存（Excel，逐个号码，数据范围内）' } },
    async (r, reply) => sendXlsx(reply, '号牌库存', 'ebike-plates', await plates.export(principal(r), actorOf(r))),
  );
  app.get(
    '/api/ebike/plates/departments',
    {
      config: { access: perm(EP.plateManage) },
      schema: { tags, summary: '可生成号段的部门（数据范围内、启用）', response: { 200: z.array(DepartmentSchema) } },
    },
    (r) => plates.departments(principal(r)),
  );

  // The handheld's calls travel as SM2/SM4 digital envelopes from a registered device (C1), on top of the officer's session.
  tags = ['移动警务（PDA）'];
  const pdaList = { 200: z.array(PdaVehicleSchema) };
  app.post(
    '/api/pda/ebike/lookup',
    {
      ...fastResponse,
      config: { access: perm(EP.pda), envelope: true },
      schema: {
        tags,
        summary: '非机动车查询（E10）：号牌或整车编码；请求与应答均为数字信封',
        body: z
          .strictObject({ plate: safeString().trim().toUpperCase().optional(), zcbm: safeString().trim().optional() })
          .refine((q) => q.plate || q.zcbm, { message: '请输入号牌号码或整车编码', path: ['plate'] }),
        response: pdaList,
      },
    },
    (r) => query.pda(principal(r), actorOf(r), r.body, 'key'),
  );
  app.post(
    '/api/pda/ebike/ocr',
    {
      ...fastResponse,
      config: { access: perm(EP.pda), envelope: true },
      schema: {
        tags,
        summary: '按号牌识别结果查询（E10）：识别出的号牌文本；请求与应答均为数字信封',
        body: z.strictObject({ plateText: safeString({ error: '识别结果必须提供' }, '识别结果').trim().min(3, '识别结果太短').max(20, '识别结果太长') }),
        response: pdaList,
      },
    },
    (r) => query.pda(principal(r), actorOf(r), { plate: r.body.plateText }, 'ocr'),
  );
}
