import type { AlcoholRecordKind, AlcoholSourceField, AlcoholUploadRecord, FormatProblem } from './alcohol-upload.port.ts';

/** One field of the standard's record: its name there, where its value comes from, how it is written. */
export interface UploadFormatField {
  name: string;
  from: AlcoholSourceField;
  kinds: readonly AlcoholRecordKind[];
  required: boolean;
  /** `datetime`: yyyyMMddHHmmss Shanghai time; `date`: yyyyMMdd; `decimal`: a number with `scale` decimals. */
  type: 'string' | 'datetime' | 'date' | 'decimal';
  maxLength?: number;
  scale?: number;
}

/** A version of the upload format: the record type codes and the fields, all data. */
export interface UploadFormat {
  version: string;
  recordTypes: Record<AlcoholRecordKind, string>;
  fields: readonly UploadFormatField[];
}

const BOTH = ['breath', 'blood'] as const;
const f = (
  name: string,
  from: AlcoholSourceField,
  type: UploadFormatField['type'],
  required: boolean,
  extra: Partial<UploadFormatField> = {},
): UploadFormatField => ({
  name,
  from,
  type,
  required,
  kinds: BOTH,
  ...extra,
});

/**
 * Known formats by version. `assumed-2026` is an assumption [A] shaped like the Ministry's other traffic interfaces
 * (upper-case pinyin initials, compact times): replace it by adding the standard's version and setting
 * ALCOHOL_UPLOAD_FORMAT, never by editing a version in use.
 */
export const UPLOAD_FORMATS: Readonly<Record<string, UploadFormat>> = {
  'assumed-2026': {
    version: 'assumed-2026',
    recordTypes: { breath: 'HQJC', blood: 'XYJC' },
    fields: [
      f('JLBH', 'recordId', 'string', true, { maxLength: 36 }),
      f('SFZMHM', 'idNumber', 'string', false, { maxLength: 18, kinds: ['breath'] }),
      f('XM', 'name', 'string', false, { maxLength: 64, kinds: ['breath'] }),
      f('HPHM', 'plate', 'string', false, { maxLength: 15, kinds: ['breath'] }),
      f('JCDD', 'place', 'string', true, { maxLength: 128, kinds: ['breath'] }),
      f('JCSJ', 'testedAt', 'datetime', true, { kinds: ['breath'] }),
      f('YQBH', 'testerCode', 'string', true, { maxLength: 64, kinds: ['breath'] }),
      f('JDRQ', 'calibrationDate', 'date', true, { kinds: ['breath'] }),
      f('HQND', 'bracMgPerL', 'decimal', true, { scale: 3, kinds: ['breath'] }),
      f('XYND', 'bacMgPer100mL', 'decimal', true, { scale: 1, kinds: ['breath'] }),
      f('JCJG', 'verdict', 'string', true, { maxLength: 16, kinds: ['breath'] }),
      f('YBBH', 'sampleNo', 'string', true, { maxLength: 32, kinds: ['blood'] }),
      f('CYJG', 'institution', 'string', true, { maxLength: 128, kinds: ['blood'] }),
      f('CYSJ', 'drawnAt', 'datetime', true, { kinds: ['blood'] }),
      f('JDJG', 'resultMgPer100mL', 'decimal', false, { scale: 1, kinds: ['blood'] }),
      f('MJXM', 'officerName', 'string', true, { maxLength: 64 }),
      f('GLBM', 'departmentCode', 'string', true, { maxLength: 12 }),
    ],
  },
};

const pad = (n: number) => String(n).padStart(2, '0');
/** yyyyMMddHHmmss in Shanghai (UTC+8, no daylight saving). */
function compactShanghai(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function written(field: UploadFormatField, value: string | number): string {
  switch (field.type) {
    case 'datetime':
      return compactShanghai(String(value));
    case 'date':
      return String(value).replaceAll('-', '');
    case 'decimal':
      return Number(value).toFixed(field.scale ?? 0);
    default:
      return String(value);
  }
}

export type Encoded = { ok: true; body: { format: string; type: string; record: Record<string, string> } } | { ok: false; problems: FormatProblem[] };

export const problemText = (p: FormatProblem) => `${p.name}（${p.from}）${p.kind === 'required' ? '必须填写' : `超过 ${p.maxLength} 位`}`;

/** The record in the format, or what it lacks (a record that cannot meet the format is not sent). */
export function encodeRecord(format: UploadFormat, record: AlcoholUploadRecord): Encoded {
  const out: Record<string, string> = {};
  const problems: FormatProblem[] = [];
  for (const field of format.fields.filter((x) => x.kinds.includes(record.kind))) {
    const value = record.fields[field.from];
    if (value === null || value === undefined || value === '') {
      if (field.required) problems.push({ from: field.from, name: field.name, kind: 'required' });
      continue;
    }
    const text = written(field, value);
    if (field.maxLength !== undefined && text.length > field.maxLength)
      problems.push({ from: field.from, name: field.name, kind: 'too-long', maxLength: field.maxLength });
    out[field.name] = text;
  }
  return problems.length ? { ok: false, problems } : { ok: true, body: { format: format.version, type: format.recordTypes[record.kind], record: out } };
}

/** What keeps a record from the format (none: it can be sent); the client's check before sending, for a correction form. */
export function formatProblems(format: UploadFormat, record: AlcoholUploadRecord): FormatProblem[] {
  const encoded = encodeRecord(format, record);
  return encoded.ok ? [] : encoded.problems;
}

const SHAPES: Record<UploadFormatField['type'], (field: UploadFormatField) => RegExp> = {
  string: () => /^[\s\S]*$/,
  datetime: () => /^\d{14}$/,
  date: () => /^\d{8}$/,
  decimal: (field) => new RegExp(`^\\d+${field.scale ? `\\.\\d{${field.scale}}` : ''}$`),
};

/** The far side's check of a received record (the simulator's): every problem, in Chinese; none → acceptable. */
export function recordProblems(format: UploadFormat, body: { format?: unknown; type?: unknown; record?: unknown }): string[] {
  if (body.format !== format.version) return [`格式版本应为 ${format.version}`];
  const kind = (Object.keys(format.recordTypes) as AlcoholRecordKind[]).find((k) => format.recordTypes[k] === body.type);
  if (!kind) return [`记录类型应为 ${Object.values(format.recordTypes).join(' 或 ')}`];
  if (typeof body.record !== 'object' || body.record === null) return ['缺少记录内容'];
  const record = body.record as Record<string, unknown>;
  const fields = format.fields.filter((x) => x.kinds.includes(kind));
  const problems = Object.keys(record)
    .filter((name) => !fields.some((x) => x.name === name))
    .map((name) => `${name} 不是该类记录的字段`);
  for (const field of fields) {
    const value = record[field.name];
    if (value === undefined) {
      if (field.required) problems.push(`缺少必填字段 ${field.name}`);
    } else if (typeof value !== 'string' || !SHAPES[field.type](field).test(value)) problems.push(`字段 ${field.name} 格式错误`);
    else if (field.maxLength !== undefined && value.length > field.maxLength) problems.push(`字段 ${field.name} 超长`);
  }
  return problems;
}
