import {
  type ClassifyResult,
  type IdCardResult,
  IMPORT_FIELD_LABELS,
  INVOICE_FIELD_LABELS,
  LICENCE_FIELD_LABELS,
  type MaterialsResult,
  type PlateResult,
  type RecognitionCheck,
  type RecognitionField,
  TAX_REGISTRATION_FIELD_LABELS,
  USCC_CERTIFICATE_FIELD_LABELS,
} from '@shtp/core/recognition';

/** One recognised field as the workbench shows it. */
export interface FieldRow {
  key: string;
  label: string;
  value: string | null;
  /** 0–100 */
  confidence: number;
  source: string | null;
}

const ID_CARD_LABELS: Record<string, string> = {
  name: '姓名',
  sex: '性别',
  ethnicity: '民族',
  birthDate: '出生',
  address: '住址',
  idNumber: '公民身份号码',
  authority: '签发机关',
  validFrom: '有效期起',
  validTo: '有效期止',
};
const PERMIT_LABELS: Record<string, string> = { ...ID_CARD_LABELS, address: '居住地址' };

export function fieldRows(fields: Record<string, RecognitionField>, labels: Record<string, string>): FieldRow[] {
  return Object.entries(fields).map(([key, f]) => ({
    key,
    label: labels[key] ?? key,
    value: f.value,
    confidence: Math.round(f.confidence * 100),
    source: f.source?.text ?? null,
  }));
}

/** The fields and checks of a classified image, whatever its type. */
export function readingView(reading: ClassifyResult['reading']): { fields: FieldRow[]; checks: RecognitionCheck[] } {
  switch (reading.type) {
    case 'motor-invoice':
    case 'digital-invoice':
      return { fields: fieldRows(reading.invoice.fields, INVOICE_FIELD_LABELS), checks: reading.invoice.checks };
    case 'business-licence':
      return { fields: fieldRows(reading.licence.fields, LICENCE_FIELD_LABELS), checks: reading.licence.checks };
    case 'import-certificate':
      return { fields: fieldRows(reading.importCertificate.fields, IMPORT_FIELD_LABELS), checks: reading.importCertificate.checks };
    case 'residence-permit':
      return { fields: fieldRows(reading.residencePermit.fields, PERMIT_LABELS), checks: reading.residencePermit.checks };
    case 'tax-registration':
      return { fields: fieldRows(reading.taxRegistration.fields, TAX_REGISTRATION_FIELD_LABELS), checks: reading.taxRegistration.checks };
    case 'uscc-certificate':
      return { fields: fieldRows(reading.usccCertificate.fields, USCC_CERTIFICATE_FIELD_LABELS), checks: reading.usccCertificate.checks };
    case 'id-card-front':
    case 'id-card-back':
      return idCardView(reading.idCard);
    case 'other':
      return { fields: [], checks: [] };
  }
}

/** The fields of the side read (front or back) of a 居民身份证, and its checks. */
export function idCardView(card: Pick<IdCardResult, 'front' | 'back' | 'checks'>): { fields: FieldRow[]; checks: RecognitionCheck[] } {
  const side = card.front ?? card.back;
  return { fields: side ? fieldRows(side, ID_CARD_LABELS) : [], checks: card.checks };
}

const PLATE_COLOURS: Record<NonNullable<PlateResult['colour']>, string> = {
  blue: '蓝',
  green: '绿',
  yellow: '黄',
  white: '白',
  black: '黑',
  unknown: '未知',
};

/** A plate reading: the number picked by plate shape, then every candidate with its confidence and source line. */
export function plateView(r: PlateResult): { extra: { label: string; value: string }[]; fields: FieldRow[] } {
  return {
    extra: [
      { label: '号牌号码', value: r.plate ?? '未识别到号牌' },
      { label: '号牌类型', value: r.typeLabel ?? '—' },
      { label: '置信度', value: `${Math.round(r.confidence * 100)}%` },
      { label: '底色', value: r.colour ? PLATE_COLOURS[r.colour] : '—' },
    ],
    fields: r.candidates.map((c, i) => ({
      key: `candidate-${i}`,
      label: `候选 ${i + 1}`,
      value: c.plate,
      confidence: Math.round(c.confidence * 100),
      source: c.source.text,
    })),
  };
}

export const CHECK_TAG: Record<RecognitionCheck['result'], { color: string; text: string }> = {
  pass: { color: 'success', text: '通过' },
  fail: { color: 'error', text: '不通过' },
  unknown: { color: 'default', text: '未知' },
};

export const MATERIAL_TAG: Record<MaterialsResult['materials'][number]['status'], { color: string; text: string }> = {
  present: { color: 'success', text: '已提供' },
  missing: { color: 'error', text: '缺少' },
  unreadable: { color: 'warning', text: '无法识别' },
};

/** Failed checks first, then unknown, then passed: what needs the supervisor's eye comes on top. */
export function sortChecks(checks: RecognitionCheck[]): RecognitionCheck[] {
  const order = { fail: 0, unknown: 1, pass: 2 } as const;
  return [...checks].sort((a, b) => order[a.result] - order[b.result]);
}
