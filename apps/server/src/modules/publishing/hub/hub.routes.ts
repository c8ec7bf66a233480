import {
  type HubCaseStatus,
  HubPushListQuerySchema,
  HubPushListSchema,
  HubPushSchema,
  HubServiceInputSchema,
  HubServiceListSchema,
  HubServiceSchema,
} from '@shtp/core/publishing';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf, perm } from '../../../platform/http/access.ts';
import type { Platform } from '../../../platform/platform.ts';
import { PB } from '../publishing.permissions.ts';
import { hubPushActions } from './hub.policy.ts';
import { type HubPushRow, type HubServiceRow, hubRepository as repo } from './hub.repository.ts';
import type { HubSync } from './hub-sync.service.ts';

const tags = ['一网通办平台对接（交警专区）'];
const Id = z.strictObject({ id: z.coerce.number({ error: '推送记录编号无效' }).int().positive() });

const serviceView = (s: HubServiceRow) => ({
  id: s.id,
  serviceCode: s.serviceCode,
  name: s.name,
  category: s.category,
  onlineUrl: s.onlineUrl,
  status: s.status,
  state: s.state,
  version: s.version,
  syncedVersion: s.syncedVersion,
  updatedBy: s.updatedByName,
  updatedAt: s.updatedAt.toISOString(),
});
const pushView = (p: HubPushRow, permissions: ReadonlySet<string>) => ({
  id: p.id,
  kind: p.kind,
  businessKey: p.businessKey,
  version: p.version,
  op: p.op,
  state: p.state,
  attempts: p.attempts,
  lastError: p.lastError,
  createdAt: p.createdAt.toISOString(),
  sentAt: p.sentAt?.toISOString() ?? null,
  caseStatus: p.kind === 'case' ? (p.payload.status as HubCaseStatus) : null,
  serviceCode: p.kind === 'case' ? String(p.payload.serviceCode) : null,
  actions: hubPushActions(permissions, p),
});

/** G4 routes: the area's services registered with the 一网通办 hub, and the calls pushed to it. */
export async function hubRoutes(fastify: FastifyInstance, platform: Platform, sync: HubSync) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const access = { access: perm(PB.hub) };

  app.get(
    '/api/publishing/hub-services',
    { config: access, schema: { tags, summary: '交警专区在一网通办登记的服务事项（含已被接受的版本）', response: { 200: HubServiceListSchema } } },
    async () => ({ items: (await repo.services(platform.db)).map(serviceView) }),
  );
  app.post(
    '/api/publishing/hub-services',
    {
      config: access,
      schema: { tags, summary: '登记或修改服务事项（有变化时生成新版本并推送一网通办）', body: HubServiceInputSchema, response: { 200: HubServiceSchema } },
    },
    async (request) => serviceView(await sync.registerService(request.body, actorOf(request))),
  );
  app.get(
    '/api/publishing/hub-pushes',
    {
      config: access,
      schema: {
        tags,
        summary: '推送至一网通办的记录（新的在前），带状态、失败原因与可做的操作',
        querystring: HubPushListQuerySchema,
        response: { 200: HubPushListSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, total } = await repo.list(platform.db, { state: q.state, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      const { permissions } = authOf(request).principal;
      return { items: items.map((p) => pushView(p, permissions)), total, page: q.page, pageSize: q.pageSize };
    },
  );
  app.post(
    '/api/publishing/hub-pushes/:id/retry',
    { config: access, schema: { tags, summary: '重新推送被拒收或推送失败的记录', params: Id, response: { 200: HubPushSchema } } },
    async (request) => pushView(await sync.retry(request.params.id, actorOf(request)), authOf(request).principal.permissions),
  );
}
