import type { AlcoholUploadPort } from '../../../integrations/alcohol-upload/alcohol-upload.port.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Platform } from '../../../platform/platform.ts';
import { standardUploadJob } from '../enforcement.jobs.ts';
import { standardUploadRepository as repo } from './standard-upload.repository.ts';
import { StandardUploads } from './standard-upload.service.ts';

/**
 * P3/P6 按标准上传: sends one record in the configured format (StandardUploads.send keeps the attempt). A record
 * refused stays rejected until a supervisor corrects and resends it; the far side unavailable → the job is retried
 * with backoff. A resend after a lost answer is safe: the far side keys on the record ID.
 */
export function registerStandardUpload(platform: Platform, port: AlcoholUploadPort): void {
  const uploads = new StandardUploads(platform, port);
  platform.jobs.register(
    standardUploadJob,
    async ({ recordType, recordId }, { db, actor }) => {
      const state = await repo.state(db, recordType, recordId);
      if (state?.status === 'done') return;
      const answer = await uploads.send(db, recordType, recordId, state);
      if (!answer) return;
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
