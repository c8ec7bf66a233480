import type { Readable } from 'node:stream';
import { BigIdParamsSchema, pageOf } from '@shtp/core/platform';
import {
  AssignBodySchema,
  BusinessIntakeSchema,
  DepartmentStatsRowSchema,
  EvaluateBodySchema,
  FirstCheckBodySchema,
  InboxCountsSchema,
  IntakeResultSchema,
  IntakeStatsQuerySchema,
  IntakeStatsRowSchema,
  MAX_IMAGES,
  OrderAttachmentSchema,
  ParamSetsSchema,
  ReviewBodySchema,
  RiskProfileQuerySchema,
  RiskProfileSchema,
  RiskQuerySchema,
  RiskRowSchema,
  RuleStatsRowSchema,
  StatsQuerySchema,
  WarningDetailSchema,
  WarningItemSchema,
  WarningListQuerySchema,
} from '@shtp/core/tempplate';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/audit/actor.ts';
import { sendXlsx } from '../../platform/export/xlsx-stream.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { FILES, MULTIPART, readMultipart, UPLOAD_ROUTE, useMultipart } from '../../platform/http/multipart.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import type { ModuleContext } from '../app-module.ts';
import { IntakeService } from './intake/intake.service.ts';
import { ReportsService } from './reports/reports.service.ts';
import { RiskService } from './risk/risk.service.ts';
import { ReevaluationService } from './rules/reevaluation.service.ts';
import { TP } from './tempplate.permissions.ts';
import type { TempplatePorts } from './tempplate.ports.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_UPLOAD, AttachmentsService } from './work-orders/attachments.service.ts';
import { ORDER_PERMISSION } from './work-orders/work-order.policy.ts';
import { WorkOrdersService } from './work-orders/work-orders.service.ts';

const DAY = 86_400_000;
const AttachmentParamsSchema = BigIdParamsSchema.extend({
  attachmentId: z.coerce.number({ error: '附件编号无效' }).int('附件编号无效').min(1, '附件编号无效'),
});
const AttachmentFormSchema = z.object({
  files: z
    .array(z.string().meta({ format: 'binary' }))
    .describe(`初核附件（字段 files，可重复，最多 ${ATTACHMENTS_PER_UPLOAD} 个；JPEG、PNG、TIFF、PDF，按文件头识别）`),
});
const ImageParamsSchema = BigIdParamsSchema.extend({
  index: z.coerce
    .number({ error: '影像序号无效' })
    .int('影像序号无效')
    .min(0, '影像序号无效')
    .max(MAX_IMAGES - 1, '影像序号无效'),
});
/** The period of a statistic: months (`StatsQuerySchema`) or days (`IntakeStatsQuerySchema`). */
type Period = { from: string; to: string };
/** A Beijing calendar date as the instant its day starts. */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** 临牌查验: intake, warnings and their work orders, re-evaluation, statistics. */
export async function tempplateRoutes(fastify: FastifyInstance, { platform, apis }: ModuleContext<TempplatePorts>) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const intake = new IntakeService(
    platform,
    () => apis.recognition,
    () => apis.enforcement,
  );
  const orders = new WorkOrdersService(platform);
  const reports = new ReportsService(platform);
  const reevaluation = new ReevaluationService(platform, () => apis.enforcement);
  const risk = new RiskService(platform);
  const attachments = new AttachmentsService(platform);
  const principal = (r: FastifyRequest) => authOf(r).principal;
  await useMultipart(fastify);

  app.post(
    '/api/tempplate/businesses',
    {
      config: { access: perm(TP.intake), service: 'tempplate:intake' },
      // Up to eight material images of 6 MB, base64 in the JSON body.
      bodyLimit: 72 * 1024 * 1024,
      schema: {
        tags: ['临牌查验'],
        summary: '接收一笔临牌办理业务并立即评估（车驾管等系统以接入应用签名调用；同一流水号重复推送返回首次结果）',
        body: BusinessIntakeSchema,
        response: { 200: IntakeResultSchema },
      },
    },
    (r) => intake.receive(actorOf(r), r.body),
  );

  const tags = ['临牌预警'];
  app.get(
    '/api/tempplate/warnings',
    {
      config: { access: perm(TP.warningList) },
      schema: {
        tags,
        summary: '预警与工单列表（收件箱、规则、状态、部门、车架号、日期、超期筛选）',
        querystring: WarningListQuerySchema,
        response: { 200: pageOf(WarningItemSchema) },
      },
    },
    (r) => orders.list(principal(r), r.query),
  );
  app.get(
    '/api/tempplate/warnings/export',
    {
      config: { access: perm(TP.warningList) },
      schema: {
        tags,
        summary: '导出预警（Excel，流式，条件同列表；统计的下钻结果）',
        querystring: WarningListQuerySchema.omit({ page: true, pageSize: true }),
      },
    },
    async (r, reply) => {
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="tempplate-warnings-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(`临牌预警-${stamp}.xlsx`)}`,
        )
        .send(await orders.export(principal(r), actorOf(r), r.query));
    },
  );
  app.get(
    '/api/tempplate/inbox/counts',
    { config: { access: perm(TP.warningList) }, schema: { tags, summary: '各收件箱数量与超期数', response: { 200: InboxCountsSchema } } },
    (r) => orders.counts(principal(r)),
  );
  app.get(
    '/api/tempplate/warnings/:id',
    {
      config: { access: perm(TP.warningList) },
      schema: { tags, summary: '预警详情：证据、业务（个人信息脱敏）、工单步骤', params: BigIdParamsSchema, response: { 200: WarningDetailSchema } },
    },
    (r) => orders.detail(principal(r), actorOf(r), r.params.id),
  );
  app.get(
    '/api/tempplate/warnings/:id/images/:index',
    {
      config: { access: perm(TP.warningList) },
      schema: { tags, summary: '预警业务的影像化资料图片（每次查看留痕）', params: ImageParamsSchema },
    },
    async (r, reply) => {
      const blob = await orders.image(principal(r), actorOf(r), r.params.id, r.params.index);
      return reply.header('content-type', blob.mime).header('cache-control', 'private, no-store').send(blob.data);
    },
  );
  app.get(
    '/api/tempplate/orders/departments',
    {
      config: { access: perm(ORDER_PERMISSION.assign) },
      schema: { tags, summary: '可分配的初核、复核部门', response: { 200: z.array(z.object({ id: z.number(), name: z.string(), code: z.string() })) } },
    },
    () => orders.departments(),
  );
  app.post(
    '/api/tempplate/orders/assign',
    {
      config: { access: perm(ORDER_PERMISSION.assign) },
      schema: { tags, summary: '分配或改派工单（可批量，一次一个事务）', body: AssignBodySchema, response: { 200: z.object({ assigned: z.number() }) } },
    },
    (r) => orders.assign(principal(r), actorOf(r), r.body),
  );
  app.post(
    '/api/tempplate/warnings/:id/first-check',
    {
      config: { access: perm(ORDER_PERMISSION.firstCheck) },
      schema: { tags, summary: '初核（属实/不属实/无法核实）', params: BigIdParamsSchema, body: FirstCheckBodySchema, response: { 200: WarningDetailSchema } },
    },
    (r) => orders.firstCheck(principal(r), actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/api/tempplate/warnings/:id/review',
    {
      config: { access: perm(ORDER_PERMISSION.review) },
      schema: { tags, summary: '复核（同意/退回重核/改判）', params: BigIdParamsSchema, body: ReviewBodySchema, response: { 200: WarningDetailSchema } },
    },
    (r) => orders.review(principal(r), actorOf(r), r.params.id, r.body),
  );
  app.post(
    '/api/tempplate/warnings/:id/attachments',
    {
      config: { access: perm(ORDER_PERMISSION.firstCheck) },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '上传初核附件（待本部门初核的工单；文件存平台影像存储，留痕）',
        consumes: MULTIPART,
        params: BigIdParamsSchema,
        body: AttachmentFormSchema,
        response: { 200: z.array(OrderAttachmentSchema) },
      },
    },
    async (r) => {
      const { files } = await readMultipart(r, {
        fileField: 'files',
        kind: FILES,
        maxFiles: ATTACHMENTS_PER_UPLOAD,
        maxBytes: ATTACHMENT_MAX_BYTES,
        fields: z.strictObject({}),
      });
      return attachments.add(principal(r), actorOf(r), r.params.id, files);
    },
  );
  app.get(
    '/api/tempplate/warnings/:id/attachments/:attachmentId',
    {
      config: { access: perm(TP.warningList) },
      schema: { tags, summary: '下载初核附件（每次查看留痕）', params: AttachmentParamsSchema },
    },
    async (r, reply) => {
      const file = await attachments.get(principal(r), actorOf(r), r.params.id, r.params.attachmentId);
      return reply
        .header('content-type', file.mime)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="attachment-${r.params.attachmentId}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.data);
    },
  );
  app.post(
    '/api/tempplate/evaluate',
    {
      config: { access: perm(TP.evaluate) },
      schema: {
        tags,
        summary: '按当前参数重新评估某时间段的业务（不重复产生预警）',
        body: EvaluateBodySchema,
        response: { 200: z.object({ businesses: z.number(), raised: z.number() }) },
      },
    },
    (r) => reevaluation.run(actorOf(r), dayStart(r.body.from), new Date(dayStart(r.body.to).getTime() + DAY), false),
  );

  app.get(
    '/api/tempplate/param-sets',
    {
      config: { access: perm(TP.evaluate, TP.stats) },
      schema: { tags, summary: '监管参数版本（每条预警记录其产生时的参数版本）与当前参数值', response: { 200: ParamSetsSchema } },
    },
    () => reevaluation.paramSets(),
  );

  const stats = ['临牌统计'];
  /** A statistic of the caller's departments over a period (`from`, `to`: months or days, as its query schema says). */
  const statsRoute = <R extends z.ZodType>(
    path: string,
    summary: string,
    querystring: typeof StatsQuerySchema | typeof IntakeStatsQuerySchema,
    rows: R,
    read: (p: Principal, from: string, to: string) => Promise<z.input<R>>,
  ) => {
    // Typed by read's signature; the type provider still validates the query and serialises the answer.
    const schema: FastifySchema = { tags: stats, summary, querystring, response: { 200: rows } };
    fastify.get(`/api/tempplate/stats/${path}`, { config: { access: perm(TP.stats) }, schema }, (r) => {
      const { from, to } = r.query as Period;
      return read(principal(r), from, to);
    });
  };
  /** The same statistic as a workbook (the service audits the export), named by its title and period. */
  const statsExport = (
    path: string,
    summary: string,
    querystring: typeof StatsQuerySchema | typeof IntakeStatsQuerySchema,
    [title, fallback]: [title: string, fallback: string],
    workbook: (p: Principal, actor: Actor, from: string, to: string) => Promise<Readable>,
  ) =>
    app.get(`/api/tempplate/stats/${path}/export`, { config: { access: perm(TP.stats) }, schema: { tags: stats, summary, querystring } }, async (r, reply) =>
      sendXlsx(reply, `${title}-${r.query.from}至${r.query.to}`, fallback, await workbook(principal(r), actorOf(r), r.query.from, r.query.to)),
    );
  statsRoute('rules', '预警统计（T25）：各规则预警、分配、初核、办结、属实数与属实率', StatsQuerySchema, z.array(RuleStatsRowSchema), (p, from, to) =>
    reports.byRule(p, from, to),
  );
  statsRoute(
    'departments',
    '临牌异常统计（T11，部门×规则×月）与办理部门统计（T12，rule 为空串的行是办理笔数）',
    StatsQuerySchema,
    z.array(DepartmentStatsRowSchema),
    (p, from, to) => reports.byDepartment(p, from, to),
  );
  statsRoute(
    'intake',
    '临牌办理部门统计（T12）：任意日期段内各部门办理笔数、居民身份证与外地身份证笔数（按日汇总表）',
    IntakeStatsQuerySchema,
    z.array(IntakeStatsRowSchema),
    (p, from, to) => reports.byDepartmentDays(p, from, to),
  );
  statsExport('intake', '导出临牌办理部门统计（Excel）', IntakeStatsQuerySchema, ['临牌办理部门统计', 'tempplate-intake-stats'], (p, actor, from, to) =>
    reports.exportByDepartmentDays(p, actor, from, to),
  );
  statsExport(
    'departments',
    '导出临牌异常统计报表（T11，部门×月×规则，Excel）',
    StatsQuerySchema,
    ['临牌异常统计', 'tempplate-anomaly-stats'],
    (p, actor, from, to) => reports.exportByDepartment(p, actor, from, to),
  );

  app.get(
    '/api/tempplate/risk',
    {
      config: { access: perm(TP.stats) },
      schema: {
        tags: stats,
        summary: '风险画像排名（销售单位、经办民警、代办人、身份证明持有人；个人姓名脱敏，查看留痕）',
        querystring: RiskQuerySchema,
        response: { 200: z.array(RiskRowSchema) },
      },
    },
    (r) => risk.ranking(principal(r), actorOf(r), r.query),
  );
  app.get(
    '/api/tempplate/risk/profile',
    {
      config: { access: perm(TP.stats) },
      schema: { tags: stats, summary: '风险画像：风险分的构成（各规则预警与结论）', querystring: RiskProfileQuerySchema, response: { 200: RiskProfileSchema } },
    },
    (r) => risk.profile(principal(r), actorOf(r), r.query),
  );
}
