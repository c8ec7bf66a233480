import {
  type BloodSampleCorrection,
  type BreathTestCorrection,
  STANDARD_UPLOAD_OUTCOMES,
  STANDARD_UPLOAD_STATUSES,
  type StandardUpload,
  type StandardUploadAttempt,
} from '@shtp/core/enforcement';
import { hmacSm3 } from '@shtp/gm';
import {
  ALCOHOL_SOURCE_FIELDS,
  type AlcoholRecordKind,
  type AlcoholUploadPort,
  type AlcoholUploadRecord,
} from '../../../integrations/alcohol-upload/alcohol-upload.port.ts';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AuditedRefusal, auditingRefusals } from '../../../platform/audit/refusal.ts';
import { type DbOrTx, inTransaction } from '../../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/errors.ts';
import { REQUEST_DIGEST_KEY } from '../../../platform/http/idempotency-key.ts';
import { storedErrorMessage } from '../../../platform/jobs/job-failure.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { standardUploadJob } from '../enforcement.jobs.ts';
import {
  changedFields,
  correctedSources,
  correctionProblems,
  recordReachRefusal,
  resendRefusal,
  standardUploadActions,
  unchangedRefusal,
} from './standard-upload.policy.ts';
import { standardUploadRepository as repo } from './standard-upload.repository.ts';

type Kind = AlcoholRecordKind;
/** A record as it goes up, with what the supervisor may correct in it and whom it belongs to. */
interface Target {
  record: AlcoholUploadRecord;
  correctable: Record<string, string | null>;
  departmentPath: string;
  officerId: number;
}
const TARGET_TYPE = { breath: 'enf_breath_test', blood: 'enf_blood_sample' } as const;
const RECORD_NAME = { breath: '呼气酒精检测记录', blood: '血液样本' } as const;

/**
 * P3/P6 按标准上传: the record in the module's names (the port's format maps them to the standard's), each attempt
 * with its receipt or reason, and the supervisor's 更正后重新上传 of a rejected one.
 */
export class StandardUploads {
  constructor(
    private readonly platform: Platform,
    private readonly port: AlcoholUploadPort,
  ) {}

  /** undefined when the record is gone. */
  async target(db: DbOrTx, kind: Kind, id: string): Promise<Target | undefined> {
    if (kind === 'breath') {
      const found = await repo.breathTest(db, id);
      if (!found) return undefined;
      const { t, departmentCode, departmentPath } = found;
      const fields = this.platform.fields;
      return {
        record: {
          kind,
          fields: {
            recordId: t.id,
            idNumber: await fields.decrypt(t.partyIdEnc, 'enf_breath_tests.party_id_enc'),
            name: await fields.decrypt(t.partyNameEnc, 'enf_breath_tests.party_name_enc'),
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
        },
        correctable: { deviceCode: t.testerCode, place: t.place, plate: t.plate },
        departmentPath,
        officerId: t.officerId,
      };
    }
    const found = await repo.bloodSample(db, id);
    if (!found) return undefined;
    const { s, departmentCode, departmentPath } = found;
    return {
      record: {
        kind,
        fields: {
          recordId: s.id,
          sampleNo: s.sampleNo,
          institution: s.institution,
          drawnAt: s.drawnAt.toISOString(),
          resultMgPer100mL: s.resultMgPer100mL,
          officerName: s.officerName,
          departmentCode,
        },
      },
      correctable: { sampleNo: s.sampleNo, institution: s.institution },
      departmentPath,
      officerId: s.officerId,
    };
  }

  /** Keyed digest of the record as it would be sent in the port's format (it holds personal data: never a plain hash). */
  digest(record: AlcoholUploadRecord): string {
    const text = JSON.stringify([this.port.format, record.kind, ALCOHOL_SOURCE_FIELDS.map((f) => record.fields[f] ?? null)]);
    return hmacSm3(this.platform.keys.current(REQUEST_DIGEST_KEY.purpose).material, text).toString('hex');
  }

  /**
   * One attempt (the job's): accepted → the receipt; refused by the format or the far side → rejected with the reason,
   * final until corrected; unavailable → pending, the job retries. Every attempt is kept with its outcome.
   */
  async send(db: DbOrTx, kind: Kind, id: string, prior: { attempts: number } | undefined) {
    const target = await this.target(db, kind, id);
    if (!target) return undefined;
    const answer = await this.port.upload(target.record, { timeoutMs: 30_000 });
    const attemptNo = (prior?.attempts ?? 0) + 1;
    const error = answer.outcome === 'accepted' ? null : storedErrorMessage(answer.reason);
    const receiptNo = answer.outcome === 'accepted' ? answer.receiptNo : null;
    const status = answer.outcome === 'accepted' ? 'done' : answer.outcome === 'rejected' ? 'rejected' : 'pending';
    await inTransaction(db, async (tx) => {
      await repo.save(tx, { recordType: kind, recordId: id, format: this.port.format, attempts: attemptNo, status, receiptNo, error });
      await repo.saveAttempt(tx, {
        recordType: kind,
        recordId: id,
        attemptNo,
        format: this.port.format,
        outcome: answer.outcome,
        receiptNo,
        error,
        recordDigest: this.digest(target.record),
      });
    });
    return answer;
  }

  /** Where the record's upload stands, with what the caller may do about it; null: not sent yet. */
  async view(permissions: ReadonlySet<string>, kind: Kind, id: string): Promise<StandardUpload> {
    const s = await repo.state(this.platform.db, kind, id);
    if (!s) return null;
    const status = s.status as keyof typeof STANDARD_UPLOAD_STATUSES;
    return {
      status,
      statusLabel: STANDARD_UPLOAD_STATUSES[status],
      receiptNo: s.receiptNo,
      error: s.error,
      actions: standardUploadActions(permissions, status),
    };
  }

  /** Every attempt of a record within the reader's data scope (404 outside it, as in the lists). */
  async attempts(principal: Principal, kind: Kind, id: string): Promise<StandardUploadAttempt[]> {
    const target = await this.target(this.platform.db, kind, id);
    if (!target || recordReachRefusal(principal, target)) throw notFound(RECORD_NAME[kind]);
    return (await repo.attempts(this.platform.db, kind, id)).map((a) => {
      const outcome = a.outcome as StandardUploadAttempt['outcome'];
      return {
        attemptNo: a.attemptNo,
        at: a.at.toISOString(),
        format: a.format,
        outcome,
        outcomeLabel: STANDARD_UPLOAD_OUTCOMES[outcome],
        receiptNo: a.receiptNo,
        error: a.error,
      };
    });
  }

  /**
   * 更正后重新上传: applies the supervisor's correction to a rejected record and queues it again, in one transaction.
   * Refused (nothing changed): out of the data scope (404, audited), not rejected (409), the correction the format
   * would still refuse (400 per field), the record unchanged since its rejection (409). A retried request is answered
   * by the platform's Idempotency-Key; a second one finds the upload pending.
   */
  async resend(principal: Principal, actor: Actor, kind: 'breath', id: string, c: BreathTestCorrection): Promise<StandardUpload>;
  async resend(principal: Principal, actor: Actor, kind: 'blood', id: string, c: BloodSampleCorrection): Promise<StandardUpload>;
  async resend(principal: Principal, actor: Actor, kind: Kind, id: string, c: BreathTestCorrection | BloodSampleCorrection): Promise<StandardUpload> {
    const db = this.platform.db;
    const correction = c as Record<string, string | null | undefined>;
    await auditingRefusals(db, actor, () =>
      inTransaction(db, async (tx) => {
        const state = await repo.stateForUpdate(tx, kind, id);
        const target = await this.target(tx, kind, id);
        if (!target) throw notFound(RECORD_NAME[kind]);
        const outOfReach = recordReachRefusal(principal, target);
        if (outOfReach)
          throw new AuditedRefusal(notFound(RECORD_NAME[kind]), {
            action: 'enforcement.standard-upload-resend',
            targetType: TARGET_TYPE[kind],
            targetId: id,
            reason: outOfReach,
          });
        const refused = resendRefusal(state?.status ?? null);
        if (refused) throw conflict('STANDARD_UPLOAD_NOT_REJECTED', refused);

        const corrected: AlcoholUploadRecord = { kind, fields: { ...target.record.fields, ...correctedSources(kind, correction) } };
        const sampleNoTaken = kind === 'blood' && !!correction.sampleNo && (await repo.sampleNoTaken(tx, correction.sampleNo, id));
        const problems = correctionProblems(kind, this.port.format, this.port.check(corrected), { sampleNoTaken });
        if (problems.length) throw badRequest('VALIDATION_FAILED', '更正后的记录仍不符合上传要求', problems);
        const last = await repo.lastAttempt(tx, kind, id);
        const unchanged = unchangedRefusal(last?.outcome === 'rejected' ? last.recordDigest : null, this.digest(corrected));
        if (unchanged) throw conflict('STANDARD_UPLOAD_UNCHANGED', unchanged);

        const changed = changedFields(kind, target.correctable, correction);
        if (changed.length && kind === 'breath') {
          const b = c as BreathTestCorrection;
          await repo.correctBreathTest(tx, id, { testerCode: b.deviceCode, place: b.place, plate: b.plate || null });
        } else if (changed.length) {
          const b = c as BloodSampleCorrection;
          await repo.correctBloodSample(tx, id, { sampleNo: b.sampleNo, institution: b.institution });
        }
        await repo.markPending(tx, kind, id);
        await this.platform.jobs.enqueue(
          tx,
          standardUploadJob,
          { recordType: kind, recordId: id },
          { idempotencyKey: `standard-upload:${kind}:${id}:resend:${state!.attempts}` },
        );
        await audit(tx, actor, {
          action: 'enforcement.standard-upload-resend',
          targetType: TARGET_TYPE[kind],
          targetId: id,
          // Which fields were corrected, never their values; the rejection the correction answers is in the attempts.
          details: { corrected: changed, format: this.port.format, afterAttempt: state!.attempts },
        });
      }),
    );
    return this.view(principal.permissions, kind, id);
  }
}
