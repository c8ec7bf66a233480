import { ENFORCEMENT_P as FP, STANDARD_UPLOAD_CORRECTABLE } from '@shtp/core/enforcement';
import { type ActionDecision, permitted } from '@shtp/core/platform';
import type { AlcoholRecordKind, AlcoholSourceField, FormatProblem } from '../../../integrations/alcohol-upload/alcohol-upload.port.ts';
import { rowInScope } from '../../../platform/rbac/data-scope.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';

/**
 * Only a rejected record is corrected and sent again: a done one has its receipt, a pending one is still the job's
 * (a resend would race it). null if it may be.
 */
export function resendRefusal(status: string | null): string | null {
  if (status === 'rejected') return null;
  if (status === 'done') return '该记录已上传并取得回执，无需重新上传';
  if (status === 'pending') return '该记录正在上传或等待重试，请稍后查看结果';
  return '该记录尚未上传，不能重新上传';
}

/** What the caller may do to a record's upload (the console shows 更正并重新上传 from this). */
export const standardUploadActions = (permissions: ReadonlySet<string>, status: string | null): { resend: ActionDecision } => ({
  resend: permitted(permissions, [FP.standardUploadResend], () => resendRefusal(status)),
});

/** A supervisor reaches the records of the data scope (the lists' rule: department, or own records for `self`). */
export const recordReachRefusal = (principal: Principal, row: { departmentPath: string; officerId: number }): string | null =>
  rowInScope(principal, { departmentPath: row.departmentPath, ownerId: row.officerId }) ? null : '记录不在本人数据范围内';

/**
 * The record sent again exactly as it was rejected (same content, same format) would be rejected again. Compared by
 * digest of the record as it would be sent; a rejection kept before digests were (none) does not block.
 */
export const unchangedRefusal = (rejectedDigest: string | null, nextDigest: string): string | null =>
  rejectedDigest === nextDigest ? '记录自被退回后未作任何更正，重新上传仍会被退回；请按退回原因更正后再上传' : null;

type CorrectionField<K extends AlcoholRecordKind> = keyof (typeof STANDARD_UPLOAD_CORRECTABLE)[K];

/** Where each correctable field goes in the upload (the module's source field the format maps). */
const SOURCE_OF: { [K in AlcoholRecordKind]: Record<CorrectionField<K>, AlcoholSourceField> } = {
  breath: { deviceCode: 'testerCode', place: 'place', plate: 'plate' },
  blood: { sampleNo: 'sampleNo', institution: 'institution' },
};

/** An empty optional field (the plate) is no value. */
const fieldValue = (v: string | null | undefined) => (v === undefined || v === '' ? null : v);

/** The correction form's fields whose value differs from the record's (what the audit names; never the values). */
export function changedFields<K extends AlcoholRecordKind>(
  kind: K,
  current: Record<string, string | null>,
  corrected: Record<string, string | null | undefined>,
): string[] {
  return Object.keys(SOURCE_OF[kind]).filter((f) => fieldValue(corrected[f]) !== fieldValue(current[f]));
}

/** The corrected values under the upload's source names. */
export function correctedSources<K extends AlcoholRecordKind>(kind: K, corrected: Record<string, string | null | undefined>) {
  const sources = SOURCE_OF[kind] as Record<string, AlcoholSourceField>;
  return Object.fromEntries(Object.entries(sources).map(([f, from]) => [from, fieldValue(corrected[f])])) as Partial<Record<AlcoholSourceField, string | null>>;
}

/**
 * A corrected record the format would still refuse, per form field in Chinese (400, nothing changed): a field too
 * long or empty for the format, a sample number another sample holds. A problem in a field not corrected here names
 * the format's field and says where it is corrected.
 */
export function correctionProblems(
  kind: AlcoholRecordKind,
  formatVersion: string,
  problems: readonly FormatProblem[],
  opts: { sampleNoTaken: boolean },
): { field: string; message: string }[] {
  const labels = STANDARD_UPLOAD_CORRECTABLE[kind] as Record<string, string>;
  const fieldOf = Object.fromEntries(Object.entries(SOURCE_OF[kind] as Record<string, AlcoholSourceField>).map(([f, from]) => [from, f]));
  const out = problems.map((p) => {
    const field = fieldOf[p.from];
    const what = p.kind === 'required' ? '必须填写' : `不能超过 ${p.maxLength} 个字符`;
    return field
      ? { field, message: `${labels[field]}${what}（上传格式 ${formatVersion}）` }
      : { field: 'record', message: `上传字段 ${p.name}（${p.from}）${what}，不能在此更正，请联系系统管理员` };
  });
  if (opts.sampleNoTaken) out.push({ field: 'sampleNo', message: '样本编号已被另一份血液样本使用' });
  return out;
}
