import { checkTaxpayerId } from '@shtp/core/validators';
import type { OcrLine } from '../engine/types.ts';
import type { Check, Field } from './facts.ts';
import { identifierField } from './identifier-field.ts';
import { check, compact, findUscc } from './identifiers.ts';
import { dateField, formRows, type LabelSpec, label, labelledValues, textField } from './labelled.ts';

export const TAX_REGISTRATION_FIELDS = ['taxpayerId', 'name', 'legalRepresentative', 'address', 'registrationType', 'scope', 'authority', 'issuedOn'] as const;
export type TaxRegistrationField = (typeof TAX_REGISTRATION_FIELDS)[number];

export interface TaxRegistrationReading {
  /** Which number the certificate carries: the pre-2015 15-character 纳税人识别号 or the USCC (三证合一); null when none read. */
  form: 'pre-2015' | 'uscc' | null;
  fields: Record<TaxRegistrationField, Field>;
  checks: Check[];
}

const LABELS: LabelSpec<TaxRegistrationField>[] = [
  { key: 'taxpayerId', re: /(?:纳\s*税\s*人\s*识\s*别\s*号|统\s*一\s*社\s*会\s*信\s*用\s*代\s*码|税\s*务\s*登\s*记\s*证\s*号)/y },
  { key: 'name', re: label('纳税人名称') },
  { key: 'legalRepresentative', re: /法\s*定\s*代\s*表\s*人\s*(?:[(（]\s*负\s*责\s*人\s*[)）])?|负\s*责\s*人|业\s*主/y },
  { key: 'address', re: /(?:生\s*产\s*)?经\s*营\s*地\s*址|地\s*址|住\s*所/y },
  { key: 'registrationType', re: label('登记注册类型') },
  { key: 'scope', re: label('经营范围') },
  { key: 'authority', re: label('发证机关') },
  { key: 'issuedOn', re: label('发证日期') },
  { key: null, re: /税\s*务\s*登\s*记\s*证|税\s*字/y },
];

/** A pre-2015 number in the text: six digits and the nine-character organisation code (a window that verifies wins). */
function findPre2015(text: string): { value: string; valid: boolean } | null {
  const t = compact(text)
    .replace(/O/g, '0')
    .replace(/I/g, '1')
    .replace(/[^0-9A-Z]/g, '');
  let first: string | null = null;
  for (let s = 0; s + 15 <= t.length; s++) {
    const w = t.slice(s, s + 15);
    if (!/^\d{6}[0-9A-Z]{8}[0-9X]$/.test(w)) continue;
    if (checkTaxpayerId(w).ok) return { value: w, valid: true };
    first ??= w;
  }
  return first ? { value: first, valid: false } : null;
}

/** The number in a text: a verifying USCC first (it is longer and its own check), then a 15-character one. */
function findTaxpayerId(text: string): { value: string; valid: boolean } | null {
  const uscc = findUscc(text);
  if (uscc?.valid) return uscc;
  return findPre2015(text) ?? uscc;
}

/**
 * Reads a 税务登记证 (tax registration certificate, T13): the 纳税人识别号 in either form — before 2015 fifteen
 * characters (area code + GB 11714 organisation code), after 三证合一 the USCC (GB 32100) — both verified by the
 * @shtp/core validator, found by label and else by shape anywhere on the page; the taxpayer's name, representative,
 * address, registration type, scope, issuing tax authority and date by their printed labels.
 */
export function readTaxRegistration(lines: OcrLine[]): TaxRegistrationReading {
  const form = formRows(lines);
  const v = labelledValues(form, LABELS);
  const taxpayerId = identifierField(v.taxpayerId, lines, findTaxpayerId);
  const fields: Record<TaxRegistrationField, Field> = {
    taxpayerId,
    name: textField(v.name, lines),
    legalRepresentative: textField(v.legalRepresentative, lines),
    address: textField(v.address, lines),
    registrationType: textField(v.registrationType, lines),
    scope: textField(v.scope, lines),
    authority: textField(v.authority, lines, (t) => t.replace(/\s+/g, '').replace(/\d{4}年.*$/, '')),
    issuedOn: dateField(v.issuedOn, lines),
  };
  const id = taxpayerId.value ? checkTaxpayerId(taxpayerId.value) : null;
  return { form: id?.ok ? id.form : null, fields, checks: taxChecks(fields) };
}

function taxChecks(f: Record<TaxRegistrationField, Field>): Check[] {
  const code = 'tax.taxpayerId.check';
  const name = '纳税人识别号校验';
  const checks: Check[] = [];
  if (!f.taxpayerId.value) checks.push(check(code, name, 'unknown', '未识别到纳税人识别号'));
  else {
    const r = checkTaxpayerId(f.taxpayerId.value);
    const how = r.ok && r.form === 'uscc' ? '统一社会信用代码（GB 32100）' : '15 位纳税人识别号（组织机构代码 GB 11714）';
    checks.push(r.ok ? check(code, name, 'pass', `${how}校验通过`) : check(code, name, 'fail', r.message));
  }
  for (const [k, what] of [
    ['name', '纳税人名称'],
    ['authority', '发证机关'],
  ] as const) {
    if (!f[k].value) checks.push(check(`tax.${k}.found`, `识别到${what}`, 'fail', `未识别到${what}`));
  }
  return checks;
}
