import { createHash } from 'node:crypto';
import {
  type ContentAttachment,
  ContentDraftSchema,
  ContentEditSchema,
  ContentListQuerySchema,
  ContentListSchema,
  ContentPreviewSchema,
  ContentReviewSchema,
  ContentSchema,
  PublicContentListSchema,
  PublicContentQuerySchema,
  PublicContentSchema,
} from '@shtp/core/publishing';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { AttachmentsService } from './attachments.service.ts';
import { contentActions } from './content.policy.ts';
import { type ContentRow, contentsRepository as repo } from './contents.repository.ts';
import type { ContentsService } from './contents.service.ts';
import { PB } from './publishing.permissions.ts';

const tags = ['信息发布（一网通办交警专区）'];
const Id = z.strictObject({ id: z.coerce.number({ error: '内容编号无效' }).int().positive() });
const ItemKey = z.strictObject({ itemKey: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, '内容编号无效') });
/** The public answer may be cached this long by browsers and the hub's proxies; a withdrawal shows within it. */
const PUBLIC_MAX_AGE_SECONDS = 60;

const view = (c: ContentRow, permissions: ReadonlySet<string>, userId: number | null) => ({
  id: c.id,
  itemKey: c.itemKey,
  version: c.version,
  kind: c.kind,
  title: c.title,
  body: c.body,
  state: c.state,
  createdBy: c.createdByName,
  createdAt: c.createdAt.toISOString(),
  reviewedBy: c.reviewedByName,
  reviewNote: c.reviewNote,
  publishAt: c.publishAt?.toISOString() ?? null,
  withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
  actions: contentActions(permissions, userId, c),
});
const publicView = (c: ContentRow, attachments: ContentAttachment[]) => ({
  itemKey: c.itemKey,
  version: c.version,
  kind: c.kind,
  title: c.title,
  body: c.body,
  publishedAt: c.publishAt!.toISOString(),
  attachments,
});

/** Caching headers of a public answer: max-age, and an ETag so a revalidation costs a 304. */
function cached<T>(request: FastifyRequest, reply: FastifyReply, body: T): T | FastifyReply {
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`).header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return body;
}

/** G8 routes: the back office's drafts and reviews, and the public read of what is published. */
export async function publishingRoutes(fastify: FastifyInstance, platform: Platform, service: ContentsService, attachments: AttachmentsService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const caller = (request: FastifyRequest) => ({ permissions: authOf(request).principal.permissions, userId: actorOf(request).userId });
  const answer = (request: FastifyRequest, row: ContentRow) => {
    const { permissions, userId } = caller(request);
    return view(row, permissions, userId);
  };

  app.get(
    '/api/publishing/contents',
    {
      config: { access: perm(PB.edit, PB.review) },
      schema: { tags, summary: '发布内容的各版本（新的在前），带状态与可做的操作', querystring: ContentListQuerySchema, response: { 200: ContentListSchema } },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await repo.list(platform.db, { state: q.state, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: items.map((c) => answer(request, c)), total, page: q.page, pageSize: q.pageSize };
    },
  );
  app.post(
    '/api/publishing/contents',
    {
      config: { access: perm(PB.edit) },
      schema: { tags, summary: '起草发布内容（新内容，或带 itemKey 为已有内容起草新版本）', body: ContentDraftSchema, response: { 200: ContentSchema } },
    },
    async (request) => answer(request, await service.draft(request.body, actorOf(request))),
  );
  app.put(
    '/api/publishing/contents/:id',
    {
      config: { access: perm(PB.edit) },
      schema: { tags, summary: '修改草稿的标题与正文（仅起草人，提交审核前）', params: Id, body: ContentEditSchema, response: { 200: ContentSchema } },
    },
    async (request) => answer(request, await service.edit(request.params.id, request.body, actorOf(request))),
  );
  app.post(
    '/api/publishing/contents/:id/submit',
    { config: { access: perm(PB.edit) }, schema: { tags, summary: '提交审核', params: Id, response: { 200: ContentSchema } } },
    async (request) => answer(request, await service.submit(request.params.id, actorOf(request))),
  );
  app.post(
    '/api/publishing/contents/:id/review',
    {
      config: { access: perm(PB.review) },
      schema: {
        tags,
        summary: '审核（通过即发布，可定时发布；或驳回）；须由起草人以外的人员审核',
        params: Id,
        body: ContentReviewSchema,
        response: { 200: ContentSchema },
      },
    },
    async (request) => answer(request, await service.review(request.params.id, request.body, actorOf(request))),
  );
  app.post(
    '/api/publishing/contents/:id/withdraw',
    { config: { access: perm(PB.review) }, schema: { tags, summary: '撤回该内容（其所有已发布版本）', params: Id, response: { 200: ContentSchema } } },
    async (request) => answer(request, await service.withdraw(request.params.id, actorOf(request))),
  );

  app.get(
    '/api/publishing/contents/:id/preview',
    {
      config: { access: perm(PB.edit, PB.review) },
      schema: {
        tags,
        summary: '预览：某一版本（含草稿、待审核、定时发布）按公开接口的样子呈现；不公开、不缓存',
        params: Id,
        response: { 200: ContentPreviewSchema },
      },
    },
    async (request, reply) => {
      const row = await repo.byId(platform.db, request.params.id);
      if (!row) throw notFound('发布内容');
      reply.header('cache-control', 'no-store');
      return {
        ...publicView({ ...row, publishAt: row.publishAt ?? row.createdAt }, await attachments.list(row.id)),
        state: row.state,
        scheduled: row.publishAt !== null && row.publishAt > new Date(),
      };
    },
  );

  app.get(
    '/api/public/contents',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '公开：已发布内容分页（每项为生效的最新版本，新发布的在前；page、pageSize ≤ 50）；可缓存（Cache-Control、ETag）',
        querystring: PublicContentQuerySchema,
        response: { 200: PublicContentListSchema },
      },
    },
    async (request, reply) => {
      const { kind, page, pageSize } = request.query;
      const now = new Date();
      const [items, total] = await Promise.all([
        repo.current(platform.db, now, { kind, limit: pageSize, offset: (page - 1) * pageSize }),
        repo.currentCount(platform.db, now, { kind }),
      ]);
      const files = await attachments.ofContents(items);
      return cached(request, reply, { items: items.map((c) => publicView(c, files.get(c.id) ?? [])), total, page, pageSize });
    },
  );
  app.get(
    '/api/public/contents/:itemKey',
    {
      config: { access: 'public' },
      schema: { tags, summary: '公开：一项已发布内容的生效版本；可缓存', params: ItemKey, response: { 200: PublicContentSchema } },
    },
    async (request, reply) => {
      const [row] = await repo.current(platform.db, new Date(), { itemKey: request.params.itemKey, limit: 1 });
      if (!row) throw notFound('发布内容');
      return cached(request, reply, publicView(row, await attachments.list(row.id)));
    },
  );
}
