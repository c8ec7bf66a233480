import type { OcrLine } from '../engine/types.ts';
import { type Check, emptyField, type Field } from './facts.ts';
import type { IdNumberFacts } from './id-check.ts';
import { readIdNumber } from './id-number.ts';
import { check, shanghaiToday } from './identifiers.ts';
import { fieldFrom, formRows, type LabelSpec, labelledValues, parseDate, textField } from './labelled.ts';

export interface ResidencePermitReading {
  fields: {
    name: Field;
    sex: Field;
    idNumber: Field & { facts: IdNumberFacts | null };
    address: Field;
    authority: Field;
    validFrom: Field;
    validTo: Field;
  };
  checks: Check[];
}

type Key = 'name' | 'sex' | 'address' | 'authority' | 'validity';

/** Labels, tolerant of the misreadings seen on small card text (居住地址 → 居住培址, 签发机关 → 签机关). */
const LABELS: LabelSpec<Key>[] = [
  { key: 'name', re: /姓\s*名/y },
  { key: 'sex', re: /性\s*别?/y },
  { key: 'address', re: /(?:居\s*住\s*|住\s*)?[地培城]?\s*址|居\s*住\s*地\s*址/y },
  { key: 'authority', re: /签\s*发?\s*机\s*关|发\s*证\s*机\s*关/y },
  { key: 'validity', re: /有?\s*效?\s*期\s*限?(?=\s*\d)/y },
  { key: null, re: /公\s*民\s*身\s*份\s*号\s*码|上\s*海\s*市\s*居\s*住\s*证/y },
];

const VALIDITY = /(\d{4}\s*[.\-/年]\s*\d{1,2}\s*[.\-/月]\s*\d{1,2})\s*日?\s*[-—–~至]+\s*(\d{4}\s*[.\-/年]\s*\d{1,2}\s*[.\-/月]\s*\d{1,2}|长期)/;

/**
 * Reads the face of a residence permit (居住证): holder, ID number (check character verified), residence address,
 * issuing public-security authority and validity; the validity and authority are also found by shape when their
 * labels were misread.
 */
export function readResidencePermit(lines: OcrLine[], today = shanghaiToday()): ResidencePermitReading {
  const form = formRows(lines);
  const v = labelledValues(form, LABELS);
  const id = readIdNumber(lines).idNumber;
  let validFrom: Field = emptyField<string>();
  let validTo: Field = emptyField<string>();
  const validityIn = (text: string, members: number[]) => {
    const m = VALIDITY.exec(text.replace(/[Oo]/g, '0'));
    if (!m) return false;
    validFrom = fieldFrom(parseDate(m[1] as string), lines, members);
    validTo = fieldFrom(m[2] === '长期' ? '长期' : parseDate(m[2] as string), lines, members);
    return true;
  };
  if (!(v.validity && validityIn(v.validity.text, v.validity.members))) {
    for (const [i, l] of lines.entries()) if (validityIn(l.text, [i])) break;
  }
  // The authority is `上海市公安局…` (a Shanghai permit): cut from its labelled value, else from whichever line holds it.
  const bureau = (t: string) => /(?:上海市)?公安局[\u4e00-\u9fff]*/.exec(t.replace(/\s+/g, ''))?.[0] ?? null;
  let authority = textField(v.authority, lines, (t) => bureau(t) ?? t.replace(/\s+/g, ''));
  if (!authority.value || !/公安/.test(authority.value)) {
    const i = lines.findIndex((l) => bureau(l.text));
    if (i >= 0) authority = fieldFrom(bureau((lines[i] as OcrLine).text), lines, [i]);
  }
  // The address may wrap onto the next row: the label's value, then rows below it up to the authority label. When its
  // label was misread, the first line starting with a province or city name that is not the authority is taken.
  let address = textField(v.address, lines);
  if (!address.value) {
    const i = lines.findIndex((l) => /^[\u4e00-\u9fff]{2,3}[省市]/.test(l.text.trim()) && !/公安|居住证/.test(l.text));
    if (i >= 0) address = fieldFrom((lines[i] as OcrLine).text.replace(/\s+/g, ''), lines, [i]);
  }
  if (address.value && address.source) {
    const row = form.rows.findIndex((r) => r.some((p) => address.source?.lines.includes(p.i)));
    const next = form.rows[row + 1];
    if (next && next.length === 1 && !/[签发机关有效期限公民]/.test(next[0]?.text ?? '') && !/\d{17}/.test(next[0]?.text ?? '')) {
      address = fieldFrom(`${address.value}${next[0]?.text.replace(/\s+/g, '')}`, lines, [...address.source.lines, next[0]?.i as number]);
    }
  }
  let name = textField(v.name, lines, (s) => s.replace(/[^\u4e00-\u9fff·]/g, ''));
  if (!name.value) {
    // The name is the first short all-Han line under the title that is not a label.
    const first = form.rows.findIndex((r) => r.some((p) => /居住证/.test(p.text)));
    const part = form.rows
      .slice(first + 1, first + 3)
      .flat()
      .find((p) => /^[\u4e00-\u9fff·]{2,5}$/.test(p.text) && !/^(姓名|性别|[男女])$/.test(p.text));
    if (part) name = fieldFrom(part.text, lines, [part.i]);
  }
  const fields = {
    name,
    sex: textField(v.sex, lines, (s) => /[男女]/.exec(s)?.[0] ?? ''),
    idNumber: id,
    address,
    authority,
    validFrom,
    validTo,
  };
  return { fields, checks: permitChecks(fields, today) };
}

function permitChecks(f: ResidencePermitReading['fields'], today: string): Check[] {
  const checks: Check[] = [];
  if (!f.idNumber.value || !f.idNumber.facts) checks.push(check('permit.idNumber.check', '公民身份号码校验', 'unknown', '未识别到公民身份号码'));
  else
    checks.push(
      f.idNumber.facts.valid
        ? check('permit.idNumber.check', '公民身份号码校验', 'pass', '校验码正确（GB 11643）')
        : check(
            'permit.idNumber.check',
            '公民身份号码校验',
            'fail',
            f.idNumber.facts.problem === 'check' ? `校验码应为 ${f.idNumber.facts.expectedCheck}` : '号码中的出生日期无效',
          ),
    );
  const to = f.validTo.value;
  if (!to) checks.push(check('permit.validity.current', '居住证在有效期内', 'unknown', '未识别到有效期限'));
  else if (to === '长期' || to >= today) checks.push(check('permit.validity.current', '居住证在有效期内', 'pass', `有效至 ${to}`));
  else checks.push(check('permit.validity.current', '居住证在有效期内', 'fail', `居住证已于 ${to} 过期`));
  if (!f.authority.value) checks.push(check('permit.authority', '签发机关', 'unknown', '未识别到签发机关'));
  else
    checks.push(
      /公安/.test(f.authority.value)
        ? check('permit.authority', '签发机关', 'pass', `签发机关 ${f.authority.value}`)
        : check('permit.authority', '签发机关', 'fail', `签发机关 ${f.authority.value} 不是公安机关`),
    );
  return checks;
}
