import { checkUscc } from '@shtp/core/validators';
import type { OcrLine } from '../engine/types.ts';
import type { Check, Field } from './facts.ts';
import { identifierField } from './identifier-field.ts';
import { check, findUscc, shanghaiToday } from './identifiers.ts';
import { dateField, formRows, type LabelSpec, label, labelledValues, parseDate, textField } from './labelled.ts';

export const USCC_CERTIFICATE_FIELDS = ['uscc', 'name', 'orgType', 'legalRepresentative', 'address', 'validity', 'authority', 'issuedOn'] as const;
export type UsccCertificateField = (typeof USCC_CERTIFICATE_FIELDS)[number];

export interface UsccCertificateReading {
  fields: Record<UsccCertificateField, Field>;
  checks: Check[];
}

const LABELS: LabelSpec<UsccCertificateField>[] = [
  { key: 'uscc', re: label('统一社会信用代码') },
  { key: 'name', re: /(?:机\s*构\s*名\s*称|名\s*称)/y },
  { key: 'orgType', re: /(?:机\s*构\s*类\s*型|类\s*型)/y },
  { key: 'legalRepresentative', re: /法\s*定\s*代\s*表\s*人\s*(?:[(（]\s*负\s*责\s*人\s*[)）])?|负\s*责\s*人/y },
  { key: 'address', re: /(?:住\s*所|地\s*址)/y },
  { key: 'validity', re: /有\s*效\s*期\s*限?/y },
  { key: 'authority', re: /(?:颁\s*发\s*单\s*位|发\s*证\s*机\s*关|登\s*记\s*管\s*理\s*机\s*关)/y },
  { key: 'issuedOn', re: /(?:发\s*证\s*日\s*期|颁\s*发\s*日\s*期)/y },
  // The title is longer than the code's label, so it is taken as a whole and names no value.
  { key: null, re: label('统一社会信用代码证书') },
];

/**
 * Reads a 统一社会信用代码证书 (T17: the certificate issued to organisations other than companies — 机关、事业单位、
 * 社会组织 — which carry no business licence): the USCC by its label and else by shape anywhere on the page, checked
 * by the @shtp/core GB 32100 validator; the organisation's name, type, representative, address, validity, issuing
 * authority and date by their printed labels. A validity that has ended fails its check.
 */
export function readUsccCertificate(lines: OcrLine[], today = shanghaiToday()): UsccCertificateReading {
  const v = labelledValues(formRows(lines), LABELS);
  const fields: Record<UsccCertificateField, Field> = {
    uscc: identifierField(v.uscc, lines, findUscc),
    name: textField(v.name, lines),
    orgType: textField(v.orgType, lines),
    legalRepresentative: textField(v.legalRepresentative, lines),
    address: textField(v.address, lines),
    validity: textField(v.validity, lines),
    authority: textField(v.authority, lines, (t) => t.replace(/\s+/g, '').replace(/\d{4}年.*$/, '')),
    issuedOn: dateField(v.issuedOn, lines),
  };
  return { fields, checks: certificateChecks(fields, today) };
}

/** The end of a validity `自2016年01月01日至2026年12月31日` (or `长期`); null when not read. */
function validUntil(validity: string): string | null {
  if (/长期/.test(validity)) return '长期';
  const to = /至(.+)$/.exec(validity)?.[1];
  return to ? parseDate(to) : null;
}

function certificateChecks(f: Record<UsccCertificateField, Field>, today: string): Check[] {
  const code = 'usccCert.uscc.check';
  const name = '统一社会信用代码校验';
  const checks: Check[] = [];
  if (!f.uscc.value) checks.push(check(code, name, 'unknown', '未识别到统一社会信用代码'));
  else {
    const r = checkUscc(f.uscc.value);
    checks.push(r.ok ? check(code, name, 'pass', '统一社会信用代码校验通过（GB 32100）') : check(code, name, 'fail', r.message));
  }
  const to = f.validity.value ? validUntil(f.validity.value) : null;
  const current = 'usccCert.validity.current';
  if (!to) checks.push(check(current, '证书在有效期内', 'unknown', '未识别到有效期'));
  else if (to === '长期' || to >= today) checks.push(check(current, '证书在有效期内', 'pass', `有效至 ${to}`));
  else checks.push(check(current, '证书在有效期内', 'fail', `证书已于 ${to} 过期`));
  for (const [k, what] of [
    ['name', '机构名称'],
    ['authority', '颁发单位'],
  ] as const) {
    if (!f[k].value) checks.push(check(`usccCert.${k}.found`, `识别到${what}`, 'fail', `未识别到${what}`));
  }
  return checks;
}
