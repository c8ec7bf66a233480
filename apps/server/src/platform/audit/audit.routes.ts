import { AuditActionGroupSchema, AuditEntrySchema, AuditQuerySchema, IntegrityReportSchema, JobSchema, P, pageOf } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../export/xlsx-stream.ts';
import { actorOf, authOf, perm } from '../http/access.ts';
import { integrityVerifyJob } from '../integrity/integrity.job.ts';
import { toJob } from '../jobs/jobs.routes.ts';
import type { Platform } from '../platform.ts';
import { type AuditRow, auditRepository } from './audit.repository.ts';
import { audit } from './audit.ts';
import { auditWorkbookStream } from './audit-export.ts';

const tags = ['审计日志'];
const ExportQuerySchema = AuditQuerySchema.omit({ page: true, pageSize: true });

const toEntry = (r: AuditRow) => ({
  id: r.id,
  ts: r.ts.toISOString(),
  userId: r.userId,
  username: r.username,
  roles: r.roles,
  departmentName: r.departmentName,
  ip: r.ip,
  userAgent: r.userAgent,
  action: r.action,
  targetType: r.targetType,
  targetId: r.targetId,
  result: r.result as 'success' | 'failure',
  reason: r.reason,
  errorCode: r.errorCode,
  details: r.details as Record<string, unknown> | null,
  requestId: r.requestId,
});

export async function auditRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/audit/actions',
    {
      config: { access: perm(P.auditList) },
      schema: { tags, summary: '审计操作名称目录（按模块分组）', response: { 200: z.array(AuditActionGroupSchema) } },
    },
    () => [...platform.auditActions.groups()],
  );

  app.get(
    '/api/audit/logs',
    {
      config: { access: perm(P.auditList) },
      schema: { tags, summary: '查询审计日志（分页）', querystring: AuditQuerySchema, response: { 200: pageOf(AuditEntrySchema) } },
    },
    async (request) => {
      const { items, total } = await auditRepository.list(platform.db, authOf(request).principal, request.query);
      return { items: items.map(toEntry), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.get(
    '/api/audit/logs/export',
    { config: { access: perm(P.auditExport) }, schema: { tags, summary: '导出审计日志（Excel，流式）', querystring: ExportQuerySchema } },
    async (request, reply) => {
      // The export is itself audited, with its filters, before the first byte leaves.
      await audit(platform.db, actorOf(request), { action: 'audit.export', targetType: 'audit_log', details: { filters: request.query } });
      return sendXlsx(
        reply,
        '审计日志',
        'audit',
        auditWorkbookStream(auditRepository.stream(platform.db, authOf(request).principal, request.query), (code) => platform.auditActions.label(code)),
      );
    },
  );

  app.get(
    '/api/audit/integrity',
    {
      config: { access: perm(P.integrityList) },
      schema: { tags, summary: '审计日志完整性校验报告（最近 20 次）', response: { 200: z.array(IntegrityReportSchema) } },
    },
    async () => {
      const rows = await auditRepository.integrityReports(platform.db, 20);
      return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null, findings: r.findings as never }));
    },
  );

  app.post(
    '/api/audit/integrity/verify',
    { config: { access: perm(P.integrityVerify) }, schema: { tags, summary: '立即校验（排入任务队列）', response: { 200: JobSchema } } },
    async (request) => {
      return platform.db.transaction(async (tx) => {
        const job = await platform.jobs.enqueue(tx, integrityVerifyJob, {});
        await audit(tx, actorOf(request), { action: 'audit.verify', targetType: 'job', targetId: job.id });
        return toJob(job);
      });
    },
  );
}
