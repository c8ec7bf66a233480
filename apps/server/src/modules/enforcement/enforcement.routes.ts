import type { Readable } from 'node:stream';
import {
  BloodSampleBodySchema,
  BloodSampleCorrectionSchema,
  BloodSampleSchema,
  BreathTestBodySchema,
  BreathTestCorrectionSchema,
  BreathTestSchema,
  CustodyEventBodySchema,
  clientId,
  DetentionBodySchema,
  DetentionReleaseBodySchema,
  DetentionSchema,
  DeviceReadingAckSchema,
  DeviceReadingBodySchema,
  DeviceReadingQuerySchema,
  DeviceReadingSchema,
  DeviceReadingStatSchema,
  EnforcementCountsSchema,
  EnforcementListQuerySchema,
  FirstViolationCheckSchema,
  FirstViolationDecisionSchema,
  HandheldSettingsSchema,
  IdCardPartySchema,
  IdCardPhotoBodySchema,
  OcrAccuracyQuerySchema,
  OcrAccuracySchema,
  PhotoAttachBodySchema,
  PhotoListQuerySchema,
  PhotoSchema,
  QueryLogItemSchema,
  QueryLogQuerySchema,
  QueryLogStatSchema,
  RiderContactBodySchema,
  RiderContactSchema,
  StandardUploadAttemptSchema,
  StandardUploadSchema,
  ViolationBodySchema,
  ViolationResultSchema,
  ViolationSchema,
} from '@shtp/core/enforcement';
import { pageOf } from '@shtp/core/platform';
import { RECOGNITION_P } from '@shtp/core/recognition';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../platform/export/xlsx-stream.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { requestDigest } from '../../platform/http/idempotency-key.ts';
import { deviceOf } from '../../platform/transport/envelope-transport.ts';
import { type ModuleContext, requireApi } from '../app-module.ts';
import { AlcoholService } from './alcohol/alcohol.service.ts';
import { StandardUploads } from './alcohol/standard-upload.service.ts';
import { DetentionsService } from './detentions/detentions.service.ts';
import { enforcementParams } from './enforcement.params.ts';
import { FP } from './enforcement.permissions.ts';
import type { EnforcementPorts } from './enforcement.ports.ts';
import type { Officer } from './handheld.ts';
import { enforcementCounts } from './home/home-counts.service.ts';
import { PhotosService } from './photos/photos.service.ts';
import { QueryLogService } from './query-log/query-log.service.ts';
import { RiderContactsService } from './rider-contacts.service.ts';
import { DEFAULT_TICKET_FONT } from './violations/ticket-pdf.ts';
import { ViolationsService } from './violations/violations.service.ts';

const IdParams = z.strictObject({ id: clientId() });
/** A sealed photo of a card: the handheld scales it down first; the recognition module's size parameter decides. */
const PHOTO_ENVELOPE_BODY_LIMIT = 12 * 1024 * 1024;

/**
 * 交通执法II. Handheld routes travel as digital envelopes from a registered device (C1) on the officer's session and
 * may be repeated: each record carries the handheld's ID (a retry finds it) and the routes keep the Idempotency-Key's
 * answer (config.idempotent). The breathalysers push through their own envelope route. The console reads by data scope.
 */
export async function enforcementRoutes(fastify: FastifyInstance, { platform, ports, apis }: ModuleContext<EnforcementPorts>) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const violations = new ViolationsService(platform, ports);
  const alcohol = new AlcoholService(platform, ports.alcoholUpload.port);
  const uploads = new StandardUploads(platform, ports.alcoholUpload.port);
  const detentions = new DetentionsService(platform);
  const queryLog = new QueryLogService(platform);
  const riders = new RiderContactsService(platform, ports);
  const photos = new PhotosService(platform);
  const officer = (r: FastifyRequest): Officer => ({ principal: authOf(r).principal, actor: actorOf(r), deviceCode: r.device?.code ?? null });
  const digest = (r: FastifyRequest) => requestDigest(platform.keys, r);
  const handheld = { access: perm(FP.pda), envelope: true, idempotent: true } as const;

  let tags = ['交通执法（执法终端）'];
  app.post(
    '/api/pda/enforcement/settings',
    {
      config: { access: perm(FP.pda), envelope: true },
      schema: { tags, summary: '终端参数：照片压缩的最长边与质量（P11）；数字信封', body: z.strictObject({}), response: { 200: HandheldSettingsSchema } },
    },
    async () => ({
      photoMaxSide: await platform.params.get(enforcementParams.photoMaxSide),
      photoQuality: (await platform.params.get(enforcementParams.photoQuality)) / 100,
    }),
  );
  app.post(
    '/api/pda/enforcement/violations',
    {
      config: handheld,
      schema: {
        tags,
        summary: '开具简易程序处罚决定书或警告（首违免罚、每日上限、现场教育 P2）；数字信封，按记录编号幂等',
        body: ViolationBodySchema,
        response: { 200: ViolationResultSchema },
      },
    },
    (r) => violations.create(officer(r), r.body, digest(r)),
  );
  app.post(
    '/api/pda/enforcement/first-violation-check',
    {
      config: { access: perm(FP.pda), envelope: true },
      schema: { tags, summary: '首违免罚判断（P7）及理由；计入终端查询日志', body: FirstViolationCheckSchema, response: { 200: FirstViolationDecisionSchema } },
    },
    (r) => violations.check(officer(r), r.body),
  );
  app.post(
    '/api/pda/enforcement/id-card',
    {
      // The recognition module's permission: reading a card is its service, the ticket's party is this module's use of it.
      config: { access: perm(RECOGNITION_P.idCard), envelope: true },
      bodyLimit: PHOTO_ENVELOPE_BODY_LIMIT,
      schema: {
        tags,
        summary: '拍身份证正面识别当事人（P1）：姓名、身份证号码、住址及置信度；数字信封，只记录识别行为不记录内容',
        body: IdCardPhotoBodySchema,
        response: { 200: IdCardPartySchema },
      },
    },
    async (r) => {
      const card = await requireApi(apis, 'recognition').readIdCardFront(Buffer.from(r.body.image, 'base64'), actorOf(r));
      const field = (f: { value: string | null; confidence: number }) => ({ value: f.value, confidence: f.confidence });
      return { name: field(card.name), idNumber: field(card.idNumber), address: field(card.address), valid: card.idNumberValid };
    },
  );
  app.post(
    '/api/pda/enforcement/breath-tests',
    { config: handheld, schema: { tags, summary: '呼气酒精检测记录（P3）', body: BreathTestBodySchema, response: { 200: BreathTestSchema } } },
    (r) => alcohol.breathTest(officer(r), r.body, digest(r)),
  );
  app.post(
    '/api/pda/enforcement/blood-samples',
    { config: handheld, schema: { tags, summary: '血液样本登记（P6）', body: BloodSampleBodySchema, response: { 200: BloodSampleSchema } } },
    (r) => alcohol.bloodSample(officer(r), r.body, digest(r)),
  );
  app.post(
    '/api/pda/enforcement/blood-samples/:id/custody',
    {
      config: handheld,
      schema: {
        tags,
        summary: '血样流转下一环节（封装、送检、接收、结果、告知）',
        params: IdParams,
        body: CustodyEventBodySchema,
        response: { 200: BloodSampleSchema },
      },
    },
    (r) => alcohol.custody(officer(r), r.params.id, r.body),
  );
  app.post(
    '/api/pda/enforcement/detentions',
    {
      config: handheld,
      schema: { tags, summary: '先予扣留其他通行工具（P9），生成扣留凭证编号', body: DetentionBodySchema, response: { 200: DetentionSchema } },
    },
    (r) => detentions.detain(officer(r), r.body, digest(r)),
  );
  app.post(
    '/api/pda/enforcement/detentions/:id/release',
    { config: handheld, schema: { tags, summary: '扣留放行', params: IdParams, body: DetentionReleaseBodySchema, response: { 200: DetentionSchema } } },
    (r) => detentions.release(officer(r), r.params.id, r.body),
  );
  app.post(
    '/api/pda/enforcement/photos',
    {
      config: handheld,
      schema: {
        tags,
        summary: '附加照片（P11）：照片先经 /api/uploads 续传上传，再按上传编号附加到记录；同一照片不重复',
        body: PhotoAttachBodySchema,
        response: { 200: PhotoSchema },
      },
    },
    (r) => photos.attach(officer(r), r.body, digest(r)),
  );
  app.post(
    '/api/pda/enforcement/rider-contacts',
    {
      config: { access: perm(FP.riderContact), envelope: true },
      schema: { tags, summary: '骑手联系方式（P12）：须说明事由，留审计，默认脱敏', body: RiderContactBodySchema, response: { 200: RiderContactSchema } },
    },
    (r) => riders.lookup(officer(r), r.body),
  );

  tags = ['酒精测试仪'];
  app.post(
    '/api/devices/breathalyser/readings',
    {
      // The breathalyser is a device of 终端管理: the envelope's signature authenticates it; no user session.
      // Only a device registered as a breathalyser (or a handheld bound to one) may push readings.
      config: { access: 'public', envelope: 'breathalyser' },
      schema: {
        tags,
        summary: '酒精测试仪推送测量数据（P4）：数字信封签名，按消息编号幂等，乱序可接收',
        body: DeviceReadingBodySchema,
        response: { 200: DeviceReadingAckSchema },
      },
    },
    (r) => {
      const device = deviceOf(r);
      return alcohol.deviceReading(device.code, { ...actorOf(r), username: `device:${device.code}` }, r.body);
    },
  );

  tags = ['交通执法（审核监管）'];
  const list = <S extends z.ZodType>(
    path: string,
    summary: string,
    item: S,
    run: (r: FastifyRequest<{ Querystring: z.infer<typeof EnforcementListQuerySchema> }>) => Promise<unknown>,
  ) =>
    app.get(
      `/api/enforcement/${path}`,
      { config: { access: perm(FP.list) }, schema: { tags, summary, querystring: EnforcementListQuerySchema, response: { 200: pageOf(item) } } },
      (r) => run(r) as Promise<z.infer<ReturnType<typeof pageOf<S>>>>,
    );
  /**
   * 导出Excel of the list at `path`: streamed, same scope and filters as the list (`query`, the list's without paging),
   * masked like it (the service audits it).
   */
  const exported = <Q extends z.ZodType>(path: string, title: string, query: Q, run: (r: FastifyRequest<{ Querystring: z.infer<Q> }>) => Promise<Readable>) =>
    app.get(
      `/api/enforcement/${path}/export`,
      {
        config: { access: perm(FP.list) },
        schema: { tags, summary: `导出${title}（Excel，流式，数据范围内，个人信息脱敏；条件同列表）`, querystring: query },
      },
      async (r, reply) => sendXlsx(reply, title, path, await run(r as FastifyRequest<{ Querystring: z.infer<Q> }>)),
    );
  const DayQuerySchema = EnforcementListQuerySchema.omit({ page: true, pageSize: true });
  app.get(
    '/api/enforcement/counts',
    {
      config: { access: perm(FP.list) },
      schema: { tags, summary: '工作台：数据范围内今日决定书、扣留未放行、标准上传被退回与待重试的数', response: { 200: EnforcementCountsSchema } },
    },
    (r) => enforcementCounts(platform, authOf(r).principal),
  );
  list('violations', '处罚决定书与警告（数据范围内）', ViolationSchema, (r) => violations.list(officer(r), r.query));
  exported('violations', '处罚决定书与警告', DayQuerySchema, (r) => violations.export(authOf(r).principal, actorOf(r), r.query));
  const ticketFont = platform.config.source.TICKET_FONT_FILE || DEFAULT_TICKET_FONT;
  app.get(
    '/api/enforcement/violations/:id/ticket.pdf',
    {
      config: { access: perm(FP.list) },
      schema: { tags, summary: '决定书/警告 PDF（与终端打印相同的 58 mm 版式，含编号二维码；每次下载留审计）', params: IdParams },
    },
    async (r, reply) => {
      const { decisionNo, pdf } = await violations.ticketPdf(authOf(r).principal, actorOf(r), r.params.id, ticketFont);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="ticket-${decisionNo}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
  app.get(
    '/api/enforcement/recognition/stats',
    {
      config: { access: perm(FP.list) },
      schema: {
        tags,
        summary: '终端识别准确率（P1）：按字段统计识别次数、民警更正次数（数据范围内，按开具日期）',
        querystring: OcrAccuracyQuerySchema,
        response: { 200: z.array(OcrAccuracySchema) },
      },
    },
    (r) => violations.ocrAccuracy(authOf(r).principal, r.query),
  );
  list('breath-tests', '呼气酒精检测（数据范围内）', BreathTestSchema, (r) => alcohol.breathTests(authOf(r).principal, r.query));
  list('blood-samples', '血液样本与流转、超期预警', BloodSampleSchema, (r) => alcohol.bloodSamples(authOf(r).principal, r.query));
  exported('breath-tests', '呼气酒精检测', DayQuerySchema, (r) => alcohol.exportBreathTests(authOf(r).principal, actorOf(r), r.query));
  exported('blood-samples', '血液样本', DayQuerySchema, (r) => alcohol.exportBloodSamples(authOf(r).principal, actorOf(r), r.query));
  // P3/P6 更正后重新上传: a rejected record, corrected by a supervisor, goes up again; each attempt is kept.
  const resendSummary = '：只限被退回且已更正的记录（未更正则拒绝），数据范围内；按 Idempotency-Key 幂等，留审计';
  const resend = { access: perm(FP.standardUploadResend), idempotent: true } as const;
  app.post(
    '/api/enforcement/breath-tests/:id/standard-upload/resend',
    {
      config: resend,
      schema: {
        tags,
        summary: `更正呼气酒精检测记录并重新上传${resendSummary}`,
        params: IdParams,
        body: BreathTestCorrectionSchema,
        response: { 200: StandardUploadSchema },
      },
    },
    (r) => uploads.resend(authOf(r).principal, actorOf(r), 'breath', r.params.id, r.body),
  );
  app.post(
    '/api/enforcement/blood-samples/:id/standard-upload/resend',
    {
      config: resend,
      schema: {
        tags,
        summary: `更正血液样本记录并重新上传${resendSummary}`,
        params: IdParams,
        body: BloodSampleCorrectionSchema,
        response: { 200: StandardUploadSchema },
      },
    },
    (r) => uploads.resend(authOf(r).principal, actorOf(r), 'blood', r.params.id, r.body),
  );
  for (const [path, kind] of [
    ['breath-tests', 'breath'],
    ['blood-samples', 'blood'],
  ] as const)
    app.get(
      `/api/enforcement/${path}/:id/standard-upload/attempts`,
      {
        config: { access: perm(FP.list) },
        schema: { tags, summary: '按标准上传的每次尝试（回执或退回原因）', params: IdParams, response: { 200: z.array(StandardUploadAttemptSchema) } },
      },
      (r) => uploads.attempts(authOf(r).principal, kind, r.params.id),
    );
  list('detentions', '先予扣留凭证', DetentionSchema, (r) => detentions.list(authOf(r).principal, r.query));
  exported('detentions', '先予扣留凭证', DayQuerySchema, (r) => detentions.export(authOf(r).principal, actorOf(r), r.query));
  app.get(
    '/api/enforcement/device-readings',
    {
      config: { access: perm(FP.list) },
      schema: {
        tags,
        summary: '酒精测试仪数据查询（P5）：本部门（数据范围内）登记的测试仪的数据',
        querystring: DeviceReadingQuerySchema,
        response: { 200: pageOf(DeviceReadingSchema) },
      },
    },
    (r) => alcohol.readings(authOf(r).principal, r.query),
  );
  exported('device-readings', '酒精测试仪数据', DeviceReadingQuerySchema.omit({ page: true, pageSize: true }), (r) =>
    alcohol.exportReadings(authOf(r).principal, actorOf(r), r.query),
  );
  app.get(
    '/api/enforcement/device-readings/stats',
    {
      config: { access: perm(FP.list) },
      schema: {
        tags,
        summary: '酒精测试仪数据统计：按设备、按日',
        querystring: DeviceReadingQuerySchema.omit({ page: true, pageSize: true }),
        response: { 200: z.array(DeviceReadingStatSchema) },
      },
    },
    (r) => alcohol.readingStats(authOf(r).principal, r.query),
  );
  app.get(
    '/api/enforcement/photos',
    {
      config: { access: perm(FP.list) },
      schema: { tags, summary: '记录的照片（数据范围内）', querystring: PhotoListQuerySchema, response: { 200: z.array(PhotoSchema) } },
    },
    (r) => photos.ofRecord(authOf(r).principal, r.query.recordType, r.query.recordId),
  );
  app.get(
    '/api/enforcement/photos/:id/content',
    { config: { access: perm(FP.list) }, schema: { tags, summary: '照片内容（每次查看留审计）', params: IdParams } },
    async (r, reply) => {
      const blob = await photos.content(authOf(r).principal, actorOf(r), r.params.id);
      return reply.header('content-type', blob.mime).header('cache-control', 'private, no-store').send(blob.data);
    },
  );
  app.get(
    '/api/enforcement/query-log',
    {
      config: { access: perm(FP.queryLog) },
      schema: { tags, summary: '终端查询日志（P10，取自审计日志）', querystring: QueryLogQuerySchema, response: { 200: pageOf(QueryLogItemSchema) } },
    },
    (r) => queryLog.list(authOf(r).principal, r.query),
  );
  app.get(
    '/api/enforcement/query-log/stats',
    {
      config: { access: perm(FP.queryLog) },
      schema: {
        tags,
        summary: '终端查询统计：按民警、按日',
        querystring: QueryLogQuerySchema.omit({ page: true, pageSize: true }),
        response: { 200: z.array(QueryLogStatSchema) },
      },
    },
    (r) => queryLog.stats(authOf(r).principal, r.query),
  );
}
