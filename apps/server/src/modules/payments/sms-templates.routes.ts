import { SmsTemplateCreateSchema, SmsTemplateListSchema, SmsTemplateSchema } from '@shtp/core/payments';
import { PageQuerySchema } from '@shtp/core/platform';
import { mobileField } from '@shtp/core/validators';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/client.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { PP } from './payments.permissions.ts';
import { templateActions } from './sms-template.policy.ts';
import { smsTemplateRepository as repo, type SmsTemplateRow } from './sms-template.repository.ts';
import type { SmsTemplates } from './sms-templates.service.ts';

const tags = ['短信模板（政务云短信平台）'];
const Id = z.strictObject({ id: z.coerce.number({ error: '模板编号无效' }).int().positive() });
const view = (t: SmsTemplateRow, permissions: ReadonlySet<string>, userId: number | null) => ({
  id: t.id,
  code: t.code,
  name: t.name,
  text: t.text,
  urgent: t.urgent,
  state: t.state,
  createdBy: t.createdByName,
  createdAt: t.createdAt.toISOString(),
  reviewedBy: t.reviewedByName,
  reviewedAt: t.reviewedAt?.toISOString() ?? null,
  reviewNote: t.reviewNote,
  actions: templateActions(permissions, userId, t),
});

/** G9 routes: templates registered by one administrator and reviewed by another; a trial send of an approved one. */
export async function smsTemplateRoutes(fastify: FastifyInstance, templates: SmsTemplates, db: DbOrTx) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const principalOf = (request: FastifyRequest) => {
    const { principal } = authOf(request);
    return { permissions: principal.permissions, userId: actorOf(request).userId };
  };

  app.get(
    '/api/payments/sms-templates',
    {
      config: { access: perm(PP.smsTemplate) },
      schema: { tags, summary: '短信模板列表（新的在前），带审核状态与可做的操作', querystring: PageQuerySchema, response: { 200: SmsTemplateListSchema } },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await repo.list(db, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      const { permissions, userId } = principalOf(request);
      return { items: items.map((t) => view(t, permissions, userId)), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/api/payments/sms-templates',
    {
      config: { access: perm(PP.smsTemplate) },
      schema: {
        tags,
        summary: '登记短信模板（待审核；须由另一名管理员审核通过后才能使用）',
        body: SmsTemplateCreateSchema,
        response: { 200: SmsTemplateSchema },
      },
    },
    async (request) => {
      const { permissions, userId } = principalOf(request);
      return view(await templates.create(request.body, actorOf(request)), permissions, userId);
    },
  );

  app.post(
    '/api/payments/sms-templates/:id/review',
    {
      config: { access: perm(PP.smsTemplate) },
      schema: {
        tags,
        summary: '审核短信模板：通过或驳回（不能审核自己登记的模板）',
        params: Id,
        body: z.strictObject({
          decision: z.enum(['approved', 'rejected'], { error: '请选择审核结果（通过或驳回）' }),
          note: z.string().trim().max(200, '审核意见最多 200 字').optional(),
        }),
        response: { 200: SmsTemplateSchema },
      },
    },
    async (request) => {
      const { permissions, userId } = principalOf(request);
      const row = await templates.review(request.params.id, request.body.decision, request.body.note || null, actorOf(request));
      return view(row, permissions, userId);
    },
  );

  app.post(
    '/api/payments/sms-templates/:id/trial',
    {
      config: { access: perm(PP.smsTemplate) },
      schema: {
        tags,
        summary: '试发：以已审核通过的模板向一个手机号码发送一条（变量填「测试」）',
        params: Id,
        body: z.strictObject({ mobile: mobileField('试发手机号码') }),
        response: { 200: z.object({ sent: z.literal(true) }) },
      },
    },
    async (request) => {
      await templates.trial(request.params.id, request.body.mobile, actorOf(request));
      return { sent: true as const };
    },
  );
}
