import { z } from 'zod';
import { integrityReports } from '../audit/audit.table.ts';
import { sealAuditChain, verifyAuditIntegrity } from '../audit/audit-integrity.ts';
import type { DbOrTx } from '../db/client.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { KeyStore } from '../keys/keystore.ts';
import type { RecordIntegrity } from './record-integrity.ts';

export const auditSealJob = defineJob('audit-seal', z.strictObject({}));
export const integrityVerifyJob = defineJob('integrity-verify', z.strictObject({}));

/** One verification of the audit log and the access-control records, stored as a report (C2). */
export async function runIntegrityVerification(db: DbOrTx, keys: KeyStore, integrity: RecordIntegrity) {
  const auditResult = await verifyAuditIntegrity(db, keys);
  const records = await integrity.verify(db);
  const findings = [...auditResult.findings, ...records.findings].slice(0, 1000);
  const [report] = await db
    .insert(integrityReports)
    .values({ finishedAt: new Date(), checked: auditResult.checked + records.checked, findings })
    .returning();
  return report!;
}

/** Seals new audit rows into the chain every minute; verifies everything nightly and on demand. */
export function registerIntegrityVerification(jobs: JobQueue, keys: KeyStore, integrity: RecordIntegrity): void {
  jobs.register(auditSealJob, async (_payload, { db }) => {
    while ((await sealAuditChain(db, keys)) > 0);
  });
  jobs.register(
    integrityVerifyJob,
    async (_payload, { db }) => {
      await runIntegrityVerification(db, keys, integrity);
    },
    { timeoutMs: 60 * 60_000 },
  );
  jobs.schedules.schedule('audit-seal', '* * * * *', auditSealJob, {});
  jobs.schedules.schedule('integrity-verify', '30 3 * * *', integrityVerifyJob, {});
}
