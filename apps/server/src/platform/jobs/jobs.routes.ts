import { BigIdParamsSchema, type Job, JobListQuerySchema, JobScheduleSchema, JobSchema, JobStatsSchema, P, pageOf } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, perm } from '../http/access.ts';
import type { Platform } from '../platform.ts';
import type { StoredJob } from './jobs.repository.ts';

const tags = ['任务队列'];

/** The API shape of a stored job. */
export const toJob = (j: StoredJob): Job => ({
  id: j.id,
  queue: j.queue,
  state: j.state,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  runAt: j.runAt.toISOString(),
  lastError: j.lastError,
  progress: j.progressTotal === null ? null : { done: j.progressDone ?? 0, total: j.progressTotal },
  idempotencyKey: j.idempotencyKey,
  createdAt: j.createdAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});

export async function jobsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { jobs } = platform;

  app.get(
    '/api/jobs',
    { config: { access: perm(P.jobList) }, schema: { tags, summary: '任务列表', querystring: JobListQuerySchema, response: { 200: pageOf(JobSchema) } } },
    async (request) => {
      const { items, total } = await jobs.list(request.query);
      return { items: items.map(toJob), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
  app.get(
    '/api/jobs/stats',
    { config: { access: perm(P.jobList) }, schema: { tags, summary: '按队列和状态统计任务数', response: { 200: JobStatsSchema } } },
    () => jobs.stats(),
  );
  app.get(
    '/api/jobs/schedules',
    { config: { access: perm(P.jobList) }, schema: { tags, summary: '定时计划', response: { 200: z.array(JobScheduleSchema) } } },
    () => jobs.schedules.list(),
  );
  app.post(
    '/api/jobs/:id/retry',
    { config: { access: perm(P.jobManage) }, schema: { tags, summary: '重试任务', params: BigIdParamsSchema, response: { 200: JobSchema } } },
    async (request) => toJob(await jobs.retry(request.params.id, actorOf(request))),
  );
  app.post(
    '/api/jobs/:id/cancel',
    { config: { access: perm(P.jobManage) }, schema: { tags, summary: '取消任务', params: BigIdParamsSchema, response: { 200: JobSchema } } },
    async (request) => toJob(await jobs.cancel(request.params.id, actorOf(request))),
  );
}
