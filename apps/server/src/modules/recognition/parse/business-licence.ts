import { checkUscc } from '@shtp/core/validators';
import type { OcrLine } from '../engine/types.ts';
import { type Check, emptyField, type Field } from './facts.ts';
import { check, findUscc } from './identifiers.ts';
import { dateField, fieldFrom, formRows, type LabelSpec, label, labelledValues, parseDate, textField } from './labelled.ts';

export const LICENCE_FIELDS = ['uscc', 'name', 'type', 'legalRepresentative', 'capital', 'established', 'term', 'address', 'scope', 'authority'] as const;
export type LicenceField = (typeof LICENCE_FIELDS)[number];

export interface LicenceReading {
  fields: Record<LicenceField, Field>;
  checks: Check[];
}

const LABELS: LabelSpec<LicenceField>[] = [
  { key: 'uscc', re: label('统一社会信用代码') },
  { key: 'name', re: label('名称') },
  { key: 'type', re: label('类型') },
  { key: 'legalRepresentative', re: /(?:法\s*定\s*代\s*表\s*人|负\s*责\s*人|经\s*营\s*者|执\s*行\s*事\s*务\s*合\s*伙\s*人)/y },
  { key: 'capital', re: /(?:注\s*册\s*资\s*本|出\s*资\s*额)/y },
  { key: 'established', re: /(?:成\s*立\s*日\s*期|注\s*册\s*日\s*期)/y },
  { key: 'term', re: /(?:营\s*业\s*期\s*限|经\s*营\s*期\s*限)/y },
  { key: 'address', re: /(?:住\s*所|经\s*营\s*场\s*所|主\s*要\s*经\s*营\s*场\s*所)/y },
  { key: 'scope', re: label('经营范围') },
  { key: 'authority', re: label('登记机关') },
  { key: null, re: label('营业执照') },
];

/**
 * Reads a business licence (营业执照; the same fields serve a USCC certificate): fields by their printed labels, the
 * USCC also by shape and check characters anywhere on the page (GB 32100 via @shtp/core).
 */
export function readBusinessLicence(lines: OcrLine[]): LicenceReading {
  const form = formRows(lines);
  const v = labelledValues(form, LABELS);
  let uscc: Field = emptyField<string>();
  const labelled = v.uscc ? findUscc(v.uscc.text) : null;
  if (v.uscc && labelled) uscc = fieldFrom(labelled.value, lines, v.uscc.members);
  if (!labelled?.valid) {
    // On the real form the code sits on its own line under or beside the label.
    for (const [i, l] of lines.entries()) {
      const f = findUscc(l.text);
      if (f?.valid) {
        uscc = fieldFrom(f.value, lines, [i]);
        break;
      }
    }
  }
  const authority = v.authority ? textField({ ...v.authority, text: v.authority.text.replace(/\d{4}\s*年.*$/, '') }, lines) : emptyField<string>();
  const fields: Record<LicenceField, Field> = {
    uscc,
    name: textField(v.name, lines),
    type: textField(v.type, lines),
    legalRepresentative: textField(v.legalRepresentative, lines),
    capital: textField(v.capital, lines),
    established: dateField(v.established, lines),
    term: textField(v.term, lines),
    address: textField(v.address, lines),
    scope: textField(v.scope, lines),
    authority,
  };
  return { fields, checks: licenceChecks(fields) };
}

function licenceChecks(f: Record<LicenceField, Field>): Check[] {
  const checks: Check[] = [];
  if (!f.uscc.value) checks.push(check('licence.uscc.check', '统一社会信用代码校验', 'unknown', '未识别到统一社会信用代码'));
  else {
    const r = checkUscc(f.uscc.value);
    checks.push(check('licence.uscc.check', '统一社会信用代码校验', r.ok ? 'pass' : 'fail', r.ok ? '统一社会信用代码校验通过（GB 32100）' : r.message));
  }
  const est = f.established.value;
  const termTo = f.term.value ? (/至\s*(.+)$/.exec(f.term.value)?.[1] ?? null) : null;
  if (est && termTo && termTo !== '长期') {
    const to = parseDate(termTo);
    checks.push(
      to && to > est
        ? check('licence.term', '营业期限', 'pass', `营业期限至 ${to}`)
        : check('licence.term', '营业期限', 'fail', `营业期限 ${f.term.value} 与成立日期 ${est} 不符`),
    );
  }
  for (const [k, name] of [
    ['name', '名称'],
    ['legalRepresentative', '法定代表人'],
    ['address', '住所'],
  ] as const) {
    if (!f[k].value) checks.push(check(`licence.${k}.found`, `识别到${name}`, 'fail', `未识别到${name}`));
  }
  return checks;
}
