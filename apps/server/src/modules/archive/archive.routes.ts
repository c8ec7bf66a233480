import {
  AddPageBodySchema,
  ArchiveSearchExportQuerySchema,
  ArchiveSearchQuerySchema,
  ArchiveStatsExportQuerySchema,
  ArchiveStatsQuerySchema,
  AttachPageBodySchema,
  CatalogueBodySchema,
  ClassifyPageBodySchema,
  DisposalDecisionBodySchema,
  DisposalRequestBodySchema,
  ImageQuerySchema,
  LegalHoldBodySchema,
  OpenArchiveBodySchema,
  ReorderBodySchema,
  WarningDigestQuerySchema,
} from '@shtp/core/archive';
import { BigIdParamsSchema } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendXlsx } from '../../platform/export/xlsx-stream.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { type ModuleContext, requireApi } from '../app-module.ts';
import { AP } from './archive.permissions.ts';
import { ArchiveService } from './archive.service.ts';
import { archiveView, pageView } from './archive.view.ts';

const tags = ['影像档案'];

/** 影像档案 (A1, A3–A8): catalogue, archives of ledger businesses, pages, viewer images, warnings, statistics. */
export async function archiveRoutes(fastify: FastifyInstance, ctx: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const service = new ArchiveService(ctx.platform, () => ({ ebike: requireApi(ctx.apis, 'ebike'), recognition: ctx.apis.recognition }));
  const who = (request: Parameters<typeof actorOf>[0]) => ({ principal: authOf(request).principal, actor: actorOf(request) });

  app.get('/api/archive/catalogue', { config: { access: perm(AP.capture, AP.view, AP.catalogue) }, schema: { tags, summary: '必需材料目录' } }, () =>
    service.catalogue(),
  );
  app.put(
    '/api/archive/catalogue',
    { config: { access: perm(AP.catalogue) }, schema: { tags, summary: '保存必需材料目录（整表替换）', body: CatalogueBodySchema } },
    (request) => service.saveCatalogue(request.body.rows, actorOf(request)),
  );

  app.post(
    '/api/archive/archives',
    { config: { access: perm(AP.capture) }, schema: { tags, summary: '按流水号打开（建立）业务的影像档案', body: OpenArchiveBodySchema } },
    async (request) => {
      const { principal, actor } = who(request);
      const archive = await service.open(request.body.lsh, principal, actor);
      return archiveView(archive);
    },
  );
  app.get(
    '/api/archive/archives',
    { config: { access: perm(AP.view) }, schema: { tags, summary: '全市影像档案查询', querystring: ArchiveSearchQuerySchema } },
    async (request) => {
      const { page, pageSize, incomplete, ...filters } = request.query;
      const result = await service.search(
        { ...filters, incomplete: incomplete === undefined ? undefined : incomplete === 'true' },
        authOf(request).principal,
        page,
        pageSize,
      );
      return { items: result.items.map(archiveView), total: result.total, page, pageSize };
    },
  );
  app.get('/api/archive/departments', { config: { access: perm(AP.view) }, schema: { tags, summary: '档案查询可选的部门（数据范围内、启用）' } }, (request) =>
    requireApi(ctx.apis, 'system').enabledDepartments(authOf(request).principal),
  );
  app.get(
    '/api/archive/archives/export',
    {
      config: { access: perm(AP.view) },
      schema: { tags, summary: '导出全市影像档案查询结果（Excel，号牌脱敏）', querystring: ArchiveSearchExportQuerySchema },
    },
    async (request, reply) => {
      const { incomplete, ...filters } = request.query;
      const filter = { ...filters, incomplete: incomplete === undefined ? undefined : incomplete === 'true' };
      return sendXlsx(reply, '影像档案查询结果', 'archives', await service.searchExport(filter, authOf(request).principal, actorOf(request)));
    },
  );
  app.get(
    '/api/archive/archives/:id',
    { config: { access: perm(AP.view, AP.capture) }, schema: { tags, summary: '影像档案详情（全部版本的页面）', params: BigIdParamsSchema } },
    async (request) => {
      const { principal, actor } = who(request);
      const { archive, pages, signatureValid, retainUntil } = await service.detail(request.params.id, principal, actor);
      return { ...archiveView(archive), signatureValid, retainUntil, pages: pages.map(pageView) };
    },
  );
  app.put(
    '/api/archive/archives/:id/order',
    {
      config: { access: perm(AP.capture) },
      schema: { tags, summary: '调整当前页面的顺序（须填写原因）', params: BigIdParamsSchema, body: ReorderBodySchema },
    },
    (request) => {
      const { principal, actor } = who(request);
      return service.reorder(request.params.id, request.body.pageIds, request.body.reason, principal, actor);
    },
  );
  app.put(
    '/api/archive/archives/:id/hold',
    {
      config: { access: perm(AP.hold) },
      schema: { tags, summary: '设置或解除法律保全（须填写原因）', params: BigIdParamsSchema, body: LegalHoldBodySchema },
    },
    async (request) => {
      const { principal, actor } = who(request);
      return archiveView(await service.setLegalHold(request.params.id, request.body.hold, request.body.reason, principal, actor));
    },
  );
  app.get(
    '/api/archive/disposals',
    { config: { access: perm(AP.dispose) }, schema: { tags, summary: '已过保存期限、可处置的档案（不含法律保全）' } },
    async (request) => {
      const due = await service.dueForDisposal(authOf(request).principal);
      return { years: due.years, items: due.items.map((d) => ({ ...archiveView(d.archive), steps: d.steps })) };
    },
  );
  app.post(
    '/api/archive/archives/:id/disposal',
    {
      config: { access: perm(AP.dispose) },
      schema: { tags, summary: '申请处置到期档案（须填写原因，由另一人审批）', params: BigIdParamsSchema, body: DisposalRequestBodySchema },
    },
    async (request) => {
      const { principal, actor } = who(request);
      return archiveView((await service.disposalStep(request.params.id, 'request', request.body.reason, principal, actor)).archive);
    },
  );
  app.post(
    '/api/archive/archives/:id/disposal/decision',
    {
      config: { access: perm(AP.dispose) },
      schema: {
        tags,
        summary: '审批到期档案的处置申请（申请人以外的另一人；同意或驳回，须填写意见；同意即擦除不再被引用的影像）',
        params: BigIdParamsSchema,
        body: DisposalDecisionBodySchema,
      },
    },
    async (request) => {
      const { principal, actor } = who(request);
      const step = request.body.approve ? 'approve' : 'reject';
      const { archive, imagesErased, imagesKept } = await service.disposalStep(request.params.id, step, request.body.reason, principal, actor);
      return { ...archiveView(archive), imagesErased, imagesKept };
    },
  );
  app.post(
    '/api/archive/archives/:id/pages',
    {
      config: { access: perm(AP.capture) },
      schema: { tags, summary: '采集、补录或替换一页（先经 /api/uploads 上传）', params: BigIdParamsSchema, body: AddPageBodySchema },
    },
    (request) => {
      const { principal, actor } = who(request);
      return service.addPage(request.params.id, request.body, principal, actor);
    },
  );
  app.post(
    '/api/archive/archives/:id/classify',
    {
      config: { access: perm(AP.capture) },
      schema: { tags, summary: '识别已上传页面的材料类型（建议给采集人确认）', params: BigIdParamsSchema, body: ClassifyPageBodySchema },
    },
    (request) => {
      const { principal, actor } = who(request);
      return service.classifyUpload(request.params.id, request.body.uploadId, principal, actor);
    },
  );
  app.post(
    '/api/archive/attachments',
    {
      config: { access: perm(AP.capture), service: 'archive:attach' },
      // One page of up to 20 MB, base64 in the JSON body.
      bodyLimit: 28 * 1024 * 1024,
      schema: {
        tags,
        summary: '按流水号向业务的影像档案挂接一页（其他登记系统以接入应用签名调用；同一内容重复推送返回已挂接的页面）',
        body: AttachPageBodySchema,
      },
    },
    (request) => {
      const by = request.serviceCaller ? { caller: request.serviceCaller } : { principal: authOf(request).principal };
      return service.attach(request.body, by, actorOf(request));
    },
  );
  app.post(
    '/api/archive/archives/:id/print',
    { config: { access: perm(AP.print) }, schema: { tags, summary: '登记一次打印（审计）', params: BigIdParamsSchema } },
    async (request, reply) => {
      const { principal, actor } = who(request);
      await service.print(request.params.id, principal, actor);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/archive/pages/:id/image',
    {
      config: { access: perm(AP.view, AP.capture) },
      schema: { tags, summary: '页面图像（带查看人水印；查看显示图记入审计）', params: BigIdParamsSchema, querystring: ImageQuerySchema },
    },
    async (request, reply) => {
      const { principal, actor } = who(request);
      const image = await service.image(request.params.id, request.query.size, principal, actor, 'view');
      return reply.header('Cache-Control', 'no-store').type(image.mime).send(image.data);
    },
  );
  app.get(
    '/api/archive/pages/:id/download',
    { config: { access: perm(AP.download) }, schema: { tags, summary: '下载页面原图（带水印，记入审计）', params: BigIdParamsSchema } },
    async (request, reply) => {
      const { principal, actor } = who(request);
      const image = await service.image(request.params.id, 'original', principal, actor, 'download');
      const ext = image.mime === 'application/pdf' ? 'pdf' : 'jpg';
      return reply
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="page-${request.params.id}.${ext}"`)
        .type(image.mime)
        .send(image.data);
    },
  );
  app.get(
    '/api/archive/warnings',
    { config: { access: perm(AP.warnings) }, schema: { tags, summary: '未采集齐全预警（受理超过时限仍缺材料；以及从未打开档案的业务）' } },
    async (request) => {
      const w = await service.warnings(authOf(request).principal);
      return { hours: w.hours, byDepartment: w.byDepartment, items: w.items.map(archiveView), unopened: w.unopened };
    },
  );
  app.post(
    '/api/archive/warnings/scan',
    { config: { access: perm(AP.warnings) }, schema: { tags, summary: '立即检查从未建档的业务（不等每小时的定时检查）' } },
    (request) => service.scanUnopenedNow(actorOf(request)),
  );
  app.get(
    '/api/archive/warnings/scan/:id',
    {
      config: { access: perm(AP.warnings) },
      schema: { tags, summary: '立即检查的进度（检查中、完成及本人范围内的未建档业务数、失败原因）', params: BigIdParamsSchema },
    },
    (request) => service.scanState(request.params.id, authOf(request).principal),
  );
  app.get(
    '/api/archive/warnings/digests',
    { config: { access: perm(AP.warnings) }, schema: { tags, summary: '未齐全预警每日摘要（按部门）', querystring: WarningDigestQuerySchema } },
    (request) => service.warningDigests(request.query.days, authOf(request).principal),
  );
  app.get(
    '/api/archive/stats',
    { config: { access: perm(AP.stats) }, schema: { tags, summary: '采集统计（按部门、民警或日，来自日汇总）', querystring: ArchiveStatsQuerySchema } },
    (request) => service.stats(request.query.from, request.query.to, request.query.by, authOf(request).principal),
  );
  app.get(
    '/api/archive/stats/export',
    {
      config: { access: perm(AP.stats) },
      schema: { tags, summary: '导出采集统计（Excel，流式，按日、部门、民警）', querystring: ArchiveStatsExportQuerySchema },
    },
    async (request, reply) => {
      const { principal, actor } = who(request);
      const { from, to } = request.query;
      const stream = await service.statsExport(from, to, principal, actor);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="archive-stats-${from}-${to}.xlsx"; filename*=UTF-8''${encodeURIComponent(`影像采集统计-${from}-${to}.xlsx`)}`,
        )
        .send(stream);
    },
  );
  app.get(
    '/api/archive/vehicles/:id/archives',
    { config: { access: perm(AP.view, AP.capture) }, schema: { tags, summary: '车辆各业务的影像档案及齐全情况', params: BigIdParamsSchema } },
    async (request) => (await service.byVehicle(request.params.id, authOf(request).principal)).map(archiveView),
  );
}
