/**
 * P3/P6 “按标准上传”: breath-alcohol tests and blood samples go up to the Ministry's drink-driving platform in the
 * standard's format. The standard itself was not found [A]: the format is a parameter (alcohol-upload.format.ts), so
 * the real one becomes a new format entry, not a code change.
 */
export type AlcoholRecordKind = 'breath' | 'blood';

/** What the module knows of a record, by the module's own names (the format maps them to the standard's). */
export interface AlcoholUploadRecord {
  kind: AlcoholRecordKind;
  fields: Partial<Record<AlcoholSourceField, string | number | null>>;
}

export const ALCOHOL_SOURCE_FIELDS = [
  'recordId',
  'idNumber',
  'name',
  'plate',
  'place',
  'testedAt',
  'testerCode',
  'calibrationDate',
  'bracMgPerL',
  'bacMgPer100mL',
  'verdict',
  'sampleNo',
  'institution',
  'drawnAt',
  'resultMgPer100mL',
  'officerName',
  'departmentCode',
] as const;
export type AlcoholSourceField = (typeof ALCOHOL_SOURCE_FIELDS)[number];

export type AlcoholUploadAnswer =
  | { outcome: 'accepted'; receiptNo: string }
  /** The record does not meet the format (the far side's 400, or missing fields found before sending): final until corrected. */
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'unavailable'; reason: string };

/** Why a record cannot be written in the format: a required field empty, or a field longer than the format allows. */
export type FormatProblem = { from: AlcoholSourceField; name: string } & ({ kind: 'required' } | { kind: 'too-long'; maxLength: number });

export interface AlcoholUploadPort {
  readonly target: string;
  /** The format version the records are sent in. */
  readonly format: string;
  /** What keeps the record from the format, found before sending (a rejection the client itself would give). */
  check(record: AlcoholUploadRecord): FormatProblem[];
  upload(record: AlcoholUploadRecord, opts: { timeoutMs: number }): Promise<AlcoholUploadAnswer>;
}
