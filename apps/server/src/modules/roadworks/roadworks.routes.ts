import { Readable } from 'node:stream';
import { IdParamsSchema, pageOf } from '@shtp/core/platform';
import {
  CaseCountsSchema,
  CaseListQuerySchema,
  CaseSchema,
  CompleteBodySchema,
  DecideBodySchema,
  EmergencyBodySchema,
  ExchangeDaySchema,
  ExchangeQuerySchema,
  GazetteerHistorySchema,
  GeoJsonImportResultSchema,
  GeoJsonImportSchema,
  IntersectionSchema,
  IntersectionUpdateBodySchema,
  PlaceBodySchema,
  RetireBodySchema,
  RoadBodySchema,
  RoadDetailSchema,
  RoadSearchQuerySchema,
  RoadSuggestionSchema,
  RoadUpdateBodySchema,
  RoadworksWarningListQuerySchema,
  RoutingBodySchema,
  RoutingSchema,
  SegmentCreateBodySchema,
  SegmentProtectionBodySchema,
  SegmentSchema,
  SegmentUpdateBodySchema,
  WarningListSchema,
} from '@shtp/core/roadworks';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { sendXlsx } from '../../platform/export/xlsx-stream.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { type ModuleContext, requireApi } from '../app-module.ts';
import { CASE_PERMISSION } from './cases/case.policy.ts';
import { CasesService } from './cases/cases.service.ts';
import { permitsWorkbookStream } from './cases/permits-export.ts';
import { RoutingService } from './cases/routing.service.ts';
import { EXCHANGE_PERMISSION } from './exchange/exchange.policy.ts';
import { ExchangeService } from './exchange/exchange.service.ts';
import { GazetteerService } from './gazetteer/gazetteer.service.ts';
import { GeoJsonService } from './gazetteer/geojson.service.ts';
import { SegmentMaintenanceService } from './gazetteer/segment-maintenance.service.ts';
import { RP } from './roadworks.permissions.ts';
import type { RoadworksPorts } from './roadworks.ports.ts';
import { WarningsService } from './warnings/warnings.service.ts';

/** 道路施工: the road gazetteer and picker (R5), 一网通办 cases (R1), permit query (R2), warnings (R4). */
export async function roadworksRoutes(fastify: FastifyInstance, { platform, ports, apis }: ModuleContext<RoadworksPorts>) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const gazetteer = new GazetteerService(platform);
  const cases = new CasesService(platform, ports.hub.port);
  const warnings = new WarningsService(platform);
  const geojson = new GeoJsonService(platform);
  const maintenance = new SegmentMaintenanceService(platform, gazetteer);
  const caller = (r: FastifyRequest) => ({ principal: authOf(r).principal, actor: actorOf(r) });
  const anyMenu = perm(RP.gazetteerMenu, RP.caseMenu, RP.queryMenu);

  let tags = ['标准路名'];
  app.get(
    '/api/roadworks/roads/suggest',
    {
      config: { access: anyMenu },
      schema: {
        tags,
        summary: '路名选择器：按路名、别名、曾用名、全拼或首字母查找（R5）',
        querystring: RoadSearchQuerySchema,
        response: { 200: z.array(RoadSuggestionSchema) },
      },
    },
    (r) => gazetteer.suggest(r.query.q, r.query.limit),
  );
  app.get(
    '/api/roadworks/roads/:id',
    { config: { access: anyMenu }, schema: { tags, summary: '道路及其按顺序排列的路段', params: IdParamsSchema, response: { 200: RoadDetailSchema } } },
    (r) => gazetteer.road(authOf(r).principal, r.params.id),
  );
  app.post(
    '/api/roadworks/roads',
    { config: { access: perm(RP.gazetteerEdit) }, schema: { tags, summary: '新增道路', body: RoadBodySchema, response: { 200: RoadDetailSchema } } },
    (r) => gazetteer.createRoad(caller(r), r.body),
  );
  /** A maintenance route on one gazetteer record (`:id`): a body in, the changed record back; versioned and audited by the service. */
  const maintain = <B extends z.ZodType, R extends z.ZodType>(
    method: 'POST' | 'PUT',
    path: string,
    summary: string,
    body: B,
    response: R,
    handle: (r: FastifyRequest, id: number, body: z.infer<B>) => Promise<z.infer<R>>,
  ) => {
    // Typed by handle's signature; the type provider still validates the params and body and serialises the answer.
    const schema: FastifySchema = { tags, summary, params: IdParamsSchema, body, response: { 200: response } };
    fastify.route({
      method,
      url: `/api/roadworks/${path}`,
      config: { access: perm(RP.gazetteerEdit) },
      schema,
      handler: (r) => handle(r, (r.params as z.infer<typeof IdParamsSchema>).id, r.body as z.infer<B>),
    });
  };
  maintain('PUT', 'roads/:id', '修改道路（保留历史版本）', RoadUpdateBodySchema, RoadDetailSchema, (r, id, b) => gazetteer.updateRoad(caller(r), id, b));
  maintain('POST', 'roads/:id/segments', '新增路段：本道路与两条相交道路之间（路口自动建立）', SegmentCreateBodySchema, RoadDetailSchema, (r, id, b) =>
    gazetteer.createSegment(caller(r), id, b),
  );
  maintain('PUT', 'segments/:id/protection', '设置路段的新建、改建扩建或大修日期（掘路保护期）', SegmentProtectionBodySchema, SegmentSchema, (r, id, b) =>
    gazetteer.setProtection(actorOf(r), id, b),
  );
  maintain('PUT', 'segments/:id', '修改路段的起止路口或顺序（保留历史版本）', SegmentUpdateBodySchema, RoadDetailSchema, (r, id, b) =>
    maintenance.updateSegment(caller(r), id, b),
  );
  maintain('POST', 'segments/:id/retire', '停用路段（不删除；有未办结办件时拒绝）', RetireBodySchema, RoadDetailSchema, (r, id, b) =>
    maintenance.retireSegment(caller(r), id, b),
  );
  maintain('PUT', 'intersections/:id', '修改路口的相交道路与所在区（名称随道路，保留历史版本）', IntersectionUpdateBodySchema, IntersectionSchema, (r, id, b) =>
    maintenance.updateIntersection(actorOf(r), id, b),
  );
  maintain('POST', 'intersections/:id/retire', '停用路口（不删除；仍是在用路段起止点时拒绝）', RetireBodySchema, IntersectionSchema, (r, id, b) =>
    maintenance.retireIntersection(actorOf(r), id, b),
  );
  for (const [path, entity, what] of [
    ['roads', 'road', '道路'],
    ['segments', 'segment', '路段'],
    ['intersections', 'intersection', '路口'],
  ] as const) {
    app.get(
      `/api/roadworks/${path}/:id/history`,
      {
        config: { access: perm(RP.gazetteerMenu) },
        schema: { tags, summary: `${what}的历史版本`, params: IdParamsSchema, response: { 200: GazetteerHistorySchema } },
      },
      (r) => gazetteer.history(entity, r.params.id),
    );
  }

  app.post(
    '/api/roadworks/segments/geojson',
    {
      config: { access: perm(RP.gazetteerEdit) },
      // An OSM extract of a district is large; the platform's default body limit is raised for this route only.
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        tags,
        summary: '导入 GeoJSON 路段几何（按道路与起止相交道路匹配，缺少的路口和路段新建）',
        body: GeoJsonImportSchema,
        response: { 200: GeoJsonImportResultSchema },
      },
    },
    (r) => geojson.import(actorOf(r), r.body),
  );
  app.get(
    '/api/roadworks/segments/geojson',
    { config: { access: perm(RP.gazetteerMenu) }, schema: { tags, summary: '导出全部路段为 GeoJSON（流式）' } },
    (_r, reply) =>
      reply
        .header('content-type', 'application/geo+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="segments.geojson"`)
        .send(Readable.from(geojson.export())),
  );

  tags = ['施工办件'];
  app.post(
    '/api/roadworks/cases/pull',
    {
      config: { access: perm(RP.caseMenu) },
      schema: {
        tags,
        summary: '从一网通办收取新办件（定时任务每分钟也会收取）',
        response: { 200: z.object({ received: z.number().int(), new: z.number().int() }) },
      },
    },
    (r) => cases.pull(actorOf(r), { auditEmpty: true }),
  );
  app.get(
    '/api/roadworks/cases',
    {
      config: { access: perm(RP.caseMenu, RP.queryMenu) },
      schema: {
        tags,
        summary: '办件与施工许可查询（R2）：办件编号、道路、路段、区、期限、状态、申请单位',
        querystring: CaseListQuerySchema,
        response: { 200: pageOf(CaseSchema) },
      },
    },
    (r) => cases.list(authOf(r).principal, r.query),
  );
  app.get(
    '/api/roadworks/cases/counts',
    {
      config: { access: perm(RP.caseMenu) },
      schema: { tags, summary: '工作台：数据范围内待审批、补办逾期、回传失败的办件数', response: { 200: CaseCountsSchema } },
    },
    (r) => cases.counts(authOf(r).principal),
  );
  app.get(
    '/api/roadworks/cases/export',
    {
      config: { access: perm(RP.queryMenu) },
      schema: { tags, summary: '导出施工许可（Excel，流式，条件同查询）', querystring: CaseListQuerySchema.omit({ page: true, pageSize: true }) },
    },
    async (r, reply) => {
      await audit(platform.db, actorOf(r), { action: 'roadworks.permits.export', targetType: 'roadworks-case', details: { filters: r.query } });
      return sendXlsx(reply, '施工许可', 'permits', permitsWorkbookStream(cases.exportRows(authOf(r).principal, r.query)));
    },
  );
  app.get(
    '/api/roadworks/cases/:id',
    {
      config: { access: perm(RP.caseMenu, RP.queryMenu) },
      schema: { tags, summary: '办件详情（路段、预警、可执行操作）', params: IdParamsSchema, response: { 200: CaseSchema } },
    },
    (r) => cases.detail(authOf(r).principal, r.params.id),
  );
  app.post(
    '/api/roadworks/cases/:id/placements',
    {
      config: { access: perm(CASE_PERMISSION.place) },
      schema: {
        tags,
        summary: '将施工定位到标准路段，返回重复施工等预警（R1、R4）',
        params: IdParamsSchema,
        body: PlaceBodySchema,
        response: { 200: CaseSchema },
      },
    },
    (r) => cases.place(caller(r), r.params.id, r.body),
  );
  for (const decision of ['approve', 'refuse'] as const) {
    app.post(
      `/api/roadworks/cases/:id/${decision}`,
      {
        config: { access: perm(CASE_PERMISSION[decision]) },
        schema: {
          tags,
          summary: decision === 'approve' ? '予以许可（结果回传一网通办）' : '不予许可（结果回传一网通办）',
          params: IdParamsSchema,
          body: DecideBodySchema,
          response: { 200: CaseSchema },
        },
      },
      (r) => cases.decide(caller(r), r.params.id, decision, r.body),
    );
  }
  app.post(
    '/api/roadworks/cases/:id/complete',
    {
      config: { access: perm(CASE_PERMISSION.complete) },
      schema: { tags, summary: '登记竣工（恢复通行）：超期按竣工日期判断', params: IdParamsSchema, body: CompleteBodySchema, response: { 200: CaseSchema } },
    },
    (r) => cases.complete(caller(r), r.params.id, r.body),
  );
  app.post(
    '/api/roadworks/cases/emergency',
    {
      config: { access: perm(RP.emergency) },
      schema: { tags, summary: '管线抢修补办登记（先行破路，24小时内补办）', body: EmergencyBodySchema, response: { 200: CaseSchema } },
    },
    (r) => cases.fileEmergency(caller(r), r.body),
  );

  const routing = new RoutingService(platform);
  app.get(
    '/api/roadworks/routing',
    {
      config: { access: perm(RP.caseMenu) },
      schema: { tags, summary: '各区一网通办办件的承办部门（未设置的区进入市级收件箱）', response: { 200: RoutingSchema } },
    },
    () => routing.view(),
  );
  app.put(
    '/api/roadworks/routing',
    {
      config: { access: perm(RP.routingEdit) },
      schema: {
        tags,
        summary: '设置某区办件的承办部门（空值：进入市级收件箱）',
        body: RoutingBodySchema,
        response: { 200: RoutingSchema },
      },
    },
    (r) => routing.set(actorOf(r), r.body.districtCode, r.body.departmentId),
  );

  tags = ['保险数据交换'];
  const exchange = new ExchangeService(platform, ports.insurance.port, () => requireApi(apis, 'ebike'));
  app.get(
    '/api/roadworks/exchange',
    {
      config: { access: perm(RP.exchangeMenu) },
      schema: {
        tags,
        summary: '保险行业协会数据交换的每日对账（R3）：请求、条数、SM3、状态',
        querystring: ExchangeQuerySchema,
        response: { 200: ExchangeDaySchema },
      },
    },
    (r) => exchange.day(authOf(r).principal, r.query.date ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)),
  );
  app.post(
    '/api/roadworks/exchange/:id/resend',
    {
      config: { access: perm(EXCHANGE_PERMISSION.resend) },
      schema: { tags, summary: '重新交换回传失败的请求', params: IdParamsSchema, response: { 204: z.null() } },
    },
    async (r, reply) => {
      await exchange.resend(authOf(r).principal, actorOf(r), r.params.id);
      return reply.status(204).send(null);
    },
  );

  tags = ['重复施工预警'];
  app.get(
    '/api/roadworks/warnings',
    {
      config: { access: perm(RP.warningMenu) },
      schema: {
        tags,
        summary: '预警列表与各区、各承办部门统计（R4，数据范围内）',
        querystring: RoadworksWarningListQuerySchema,
        response: { 200: WarningListSchema },
      },
    },
    (r) => warnings.list(authOf(r).principal, r.query),
  );
}
