import { z } from 'zod';
import { auditRepository } from '../audit/audit.repository.ts';
import { writeCheckpoint } from '../audit/audit-checkpoint.ts';
import { type AuditIntegrityOptions, verifyAuditIntegrity } from '../audit/audit-integrity.ts';
import type { DbOrTx } from '../db/client.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { RecordIntegrity } from './record-integrity.ts';

export const auditCheckpointJob = defineJob('audit-checkpoint', z.strictObject({}));
export const integrityVerifyJob = defineJob('integrity-verify', z.strictObject({}));

/** One verification of the audit log and the access-control records, stored as a report (C2). */
export async function runIntegrityVerification(db: DbOrTx, audit: AuditIntegrityOptions, integrity: RecordIntegrity) {
  const auditResult = await verifyAuditIntegrity(db, audit);
  const records = await integrity.verify(db);
  const findings = [...auditResult.findings, ...records.findings].slice(0, 1000);
  return auditRepository.insertIntegrityReport(db, { finishedAt: new Date(), checked: auditResult.checked + records.checked, findings });
}

/** Signs the audit chain head every minute (when it moved); verifies everything nightly and on demand. */
export function registerIntegrityVerification(jobs: JobQueue, audit: AuditIntegrityOptions, integrity: RecordIntegrity): void {
  jobs.register(auditCheckpointJob, async (_payload, { db, log }) => {
    await writeCheckpoint(db, audit.signer, audit.anchorDir, log);
  });
  jobs.register(
    integrityVerifyJob,
    async (_payload, { db }) => {
      await runIntegrityVerification(db, audit, integrity);
    },
    { timeoutMs: 60 * 60_000 },
  );
  jobs.schedules.schedule('audit-checkpoint', '* * * * *', auditCheckpointJob, {});
  jobs.schedules.schedule('integrity-verify', '30 3 * * *', integrityVerifyJob, {});
}
