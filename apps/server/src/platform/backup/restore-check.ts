import type { Finding } from '../audit/audit-finding.ts';
import { auditIntegrityOptions } from '../audit/audit-integrity.ts';
import { runIntegrityVerification } from '../integrity/integrity.job.ts';
import type { Platform } from '../platform.ts';
import type { SignatureSweep } from '../signing/record-signer.ts';

export interface RestoreCheck {
  /** Audit rows, chain links and access-control records checked, and what the integrity verification found. */
  checked: number;
  findings: Finding[];
  /** Every signed record of the ledgers (e-bike businesses …) verified against its SM2 signature. */
  signatures: SignatureSweep;
}

/**
 * After a restore (BR-1): the audit chain and record MACs (the integrity job's verification, stored as a report like
 * any other) and every ledger signature. The master key must be the one the database's keys are wrapped with.
 */
export async function verifyRestored(platform: Platform): Promise<RestoreCheck> {
  await platform.keys.ensureDeclared();
  const report = await runIntegrityVerification(
    platform.db,
    auditIntegrityOptions(platform.config.dataDir, platform.keys, platform.signer),
    platform.integrity,
  );
  const signatures = await platform.signer.verifyAll(platform.db);
  return { checked: report.checked, findings: report.findings as Finding[], signatures };
}

export const restoreCheckPassed = (c: RestoreCheck) => c.findings.length === 0 && c.signatures.invalid.length === 0;
