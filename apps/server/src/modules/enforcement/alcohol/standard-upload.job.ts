import type { AlcoholUploadPort, AlcoholUploadRecord } from '../../../integrations/alcohol-upload/alcohol-upload.port.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { storedErrorMessage } from '../../../platform/jobs/job-failure.ts';
import type { Platform } from '../../../platform/platform.ts';
import { standardUploadJob } from '../enforcement.jobs.ts';
import { standardUploadRepository as repo } from './standard-upload.repository.ts';

/** The record in the module's names (the port's format maps them to the standard's); undefined when it is gone. */
async function recordOf(platform: Platform, db: DbOrTx, recordType: 'breath' | 'blood', id: string): Promise<AlcoholUploadRecord | undefined> {
  if (recordType === 'breath') {
    const found = await repo.breathTest(db, id);
    if (!found) return undefined;
    const { t, departmentCode } = found;
    return {
      kind: 'breath',
      fields: {
        recordId: t.id,
        idNumber: await platform.fields.decrypt(t.partyIdEnc, 'enf_breath_tests.party_id_enc'),
        name: await platform.fields.decrypt(t.partyNameEnc, 'enf_breath_tests.party_name_enc'),
        plate: t.plate,
        place: t.place,
        testedAt: t.testedAt.toISOString(),
        testerCode: t.testerCode,
        calibrationDate: t.calibrationDate,
        bracMgPerL: t.bracMgPerL,
        bacMgPer100mL: t.bacMgPer100mL,
        verdict: t.verdict,
        officerName: t.officerName,
        departmentCode,
      },
    };
  }
  const found = await repo.bloodSample(db, id);
  if (!found) return undefined;
  const { s, departmentCode } = found;
  return {
    kind: 'blood',
    fields: {
      recordId: s.id,
      sampleNo: s.sampleNo,
      institution: s.institution,
      drawnAt: s.drawnAt.toISOString(),
      resultMgPer100mL: s.resultMgPer100mL,
      officerName: s.officerName,
      departmentCode,
    },
  };
}

/**
 * P3/P6 按标准上传: sends one record in the configured format. Accepted → the receipt is kept; refused by the format
 * (before sending or by the far side) → kept as rejected with the reason, not retried; far side unavailable → kept
 * as pending and the job retried with backoff. A resend after a lost answer is safe: the far side keys on the record ID.
 */
export function registerStandardUpload(platform: Platform, port: AlcoholUploadPort): void {
  platform.jobs.register(
    standardUploadJob,
    async ({ recordType, recordId }, { db, actor }) => {
      const state = await repo.state(db, recordType, recordId);
      if (state?.status === 'done') return;
      const record = await recordOf(platform, db, recordType, recordId);
      if (!record) return;
      const answer = await port.upload(record, { timeoutMs: 30_000 });
      const base = { recordType, recordId, format: port.format, attempts: (state?.attempts ?? 0) + 1 };
      if (answer.outcome === 'accepted') await repo.save(db, { ...base, status: 'done', receiptNo: answer.receiptNo, error: null });
      else
        await repo.save(db, {
          ...base,
          status: answer.outcome === 'rejected' ? 'rejected' : 'pending',
          receiptNo: null,
          error: storedErrorMessage(answer.reason),
        });
      // The record's personal data left the system: audited like a disclosure (never the values).
      await audit(db, actor, {
        action: 'enforcement.standard-upload',
        result: answer.outcome === 'accepted' ? 'success' : 'failure',
        targetType: recordType === 'breath' ? 'enf_breath_test' : 'enf_blood_sample',
        targetId: recordId,
        ...(answer.outcome !== 'accepted' && { reason: answer.reason }),
        details: { target: port.target, format: port.format, outcome: answer.outcome },
      });
      if (answer.outcome === 'unavailable') throw new Error(answer.reason);
    },
    { concurrency: 1, timeoutMs: 60_000 },
  );
}
