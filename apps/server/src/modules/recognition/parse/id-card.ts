import type { OcrLine } from '../engine/types.ts';
import { type Check, emptyField, type Field, type Provenance, round3 } from './facts.ts';
import type { IdNumberFacts } from './id-check.ts';
import { readIdNumber } from './id-number.ts';
import { groupRows, mean, toHalfWidth, unionBox } from './text.ts';

export type IdCardSide = 'front' | 'back';

export interface IdCardFront {
  name: Field;
  sex: Field<'男' | '女'>;
  ethnicity: Field;
  /** YYYY-MM-DD */
  birthDate: Field;
  address: Field;
  idNumber: Field & { facts: IdNumberFacts | null };
}

export interface IdCardBack {
  authority: Field;
  /** YYYY-MM-DD */
  validFrom: Field;
  /** YYYY-MM-DD, or 长期 */
  validTo: Field;
}

export interface IdCardReading {
  side: IdCardSide | null;
  front: IdCardFront | null;
  back: IdCardBack | null;
  checks: Check[];
}

interface RowText {
  members: number[];
  /** The row's text, members joined with a space (labels and values often come in separate boxes). */
  text: string;
  parts: { i: number; text: string; conf: number }[];
}

const LABEL_RE = {
  name: /^姓\s*名/,
  sex: /性\s*别/,
  ethnicity: /民\s*族/,
  birth: /^出\s*生/,
  address: /^住\s*址/,
  idNumber: /公民身份号码|身份号码|公民身份/,
  authority: /签\s*发\s*机\s*关/,
  validity: /有\s*效\s*期\s*限/,
};

function rowsOf(lines: OcrLine[]): RowText[] {
  return groupRows(lines).map((r) => {
    const parts = r.members.map((i) => {
      const l = lines[i] as OcrLine;
      return { i, text: toHalfWidth(l.text).trim(), conf: l.confidence };
    });
    return { members: r.members, parts, text: parts.map((p) => p.text).join(' ') };
  });
}

function field(value: string | null, lines: OcrLine[], members: number[], conf?: number): Field {
  if (!value) return emptyField();
  const ls = members.map((i) => lines[i] as OcrLine);
  const source: Provenance = { lines: members, text: ls.map((l) => l.text).join(' '), box: unionBox(ls.map((l) => l.box)) };
  return { value, confidence: round3(conf ?? mean(ls.map((l) => l.confidence))), source };
}

/** The text after a label within a row, whether the label came in its own box or glued to the value. */
function afterLabel(row: RowText, label: RegExp): { text: string; members: number[] } {
  const members: number[] = [];
  let text = '';
  let seen = false;
  for (const p of row.parts) {
    if (!seen) {
      const m = label.exec(p.text);
      if (m) {
        seen = true;
        const rest = p.text.slice((m.index ?? 0) + m[0].length).trim();
        if (rest) {
          text += rest;
          members.push(p.i);
        }
      }
      continue;
    }
    text += p.text;
    members.push(p.i);
  }
  return { text: text.replace(/\s+/g, ''), members };
}

const ETHNIC_GROUPS =
  '汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'.split(
    ' ',
  );

/**
 * Reads an ID card (居民身份证) front or back from its OCR lines: rows are rebuilt from the geometry (robust to a tilted
 * photo), fields are found by their printed labels, the ID number by format and check digit, and the front's birth
 * date and sex are cross-checked against the number.
 */
export function readIdCard(lines: OcrLine[], want: IdCardSide | 'auto' = 'auto'): IdCardReading {
  const rows = rowsOf(lines);
  const all = rows.map((r) => r.text).join('\n');
  const looksBack = LABEL_RE.authority.test(all) || LABEL_RE.validity.test(all) || /居民身份证/.test(all);
  const looksFront = LABEL_RE.idNumber.test(all) || /姓\s*名/.test(all) || /住\s*址/.test(all);
  const side: IdCardSide | null = want !== 'auto' ? want : looksFront ? 'front' : looksBack ? 'back' : null;
  if (side === 'back') {
    const back = readBack(rows, lines);
    return { side, front: null, back, checks: backChecks(back) };
  }
  if (side === 'front') {
    const front = readFront(rows, lines);
    return { side, front, back: null, checks: frontChecks(front) };
  }
  return {
    side: null,
    front: null,
    back: null,
    checks: [{ code: 'idcard.side', name: '证件面识别', result: 'fail', message: '未能识别为居民身份证正面或背面' }],
  };
}

function readFront(rows: RowText[], lines: OcrLine[]): IdCardFront {
  const front: IdCardFront = {
    name: emptyField(),
    sex: emptyField(),
    ethnicity: emptyField(),
    birthDate: emptyField(),
    address: emptyField(),
    idNumber: { ...emptyField(), facts: null },
  };
  let addressRow = -1;
  let idRow = rows.length;
  rows.forEach((row, r) => {
    const first = row.parts[0]?.text ?? '';
    if (LABEL_RE.name.test(first) && !front.name.value) {
      const v = afterLabel(row, LABEL_RE.name);
      const name = v.text.replace(/[^\u4e00-\u9fff·]/g, '');
      if (name) front.name = field(name, lines, v.members);
    }
    if (LABEL_RE.sex.test(row.text) && !front.sex.value) {
      const v = afterLabel(row, LABEL_RE.sex);
      const sex = /[男女]/.exec(v.text)?.[0] as '男' | '女' | undefined;
      const member = v.members.find((i) => /[男女]/.test((lines[i] as OcrLine).text));
      if (sex) front.sex = field(sex, lines, member === undefined ? v.members : [member]) as Field<'男' | '女'>;
    }
    if (LABEL_RE.ethnicity.test(row.text) && !front.ethnicity.value) {
      const v = afterLabel(row, LABEL_RE.ethnicity);
      const raw = v.text.replace(/族$/, '').replace(/[^\u4e00-\u9fff]/g, '');
      const known = ETHNIC_GROUPS.filter((e) => raw.startsWith(e)).sort((a, b) => b.length - a.length)[0];
      const value = known ?? raw;
      if (value) front.ethnicity = field(value, lines, v.members);
    }
    if (LABEL_RE.birth.test(first) && !front.birthDate.value) {
      const v = afterLabel(row, LABEL_RE.birth);
      const m = /(\d{4})年?(\d{1,2})月?(\d{1,2})日?/.exec(v.text.replace(/[Oo]/g, '0'));
      if (m) {
        const iso = `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
        front.birthDate = field(iso, lines, v.members);
      }
    }
    if (LABEL_RE.address.test(first) && addressRow < 0) addressRow = r;
    if (LABEL_RE.idNumber.test(row.text) && idRow === rows.length) idRow = r;
  });
  if (addressRow >= 0) {
    // The first address row after its label, then the continuation rows up to the ID-number row.
    const v = afterLabel(rows[addressRow] as RowText, LABEL_RE.address);
    const members = [...v.members];
    let text = v.text;
    const firstX = v.members[0] === undefined ? null : ((lines[v.members[0]] as OcrLine).box[0]?.[0] ?? null);
    for (let r = addressRow + 1; r < idRow && r < addressRow + 4; r++) {
      const row = rows[r] as RowText;
      // Continuation lines start under the address, not under the labels or in the photo.
      const part = row.parts.filter((p) => {
        const x = (lines[p.i] as OcrLine).box[0]?.[0] ?? 0;
        return firstX === null || Math.abs(x - firstX) < 0.15 * Math.max(1, (lines[p.i] as OcrLine).box[1]?.[0] ?? 1);
      });
      if (part.length === 0) break;
      text += part
        .map((p) => p.text)
        .join('')
        .replace(/\s+/g, '');
      members.push(...part.map((p) => p.i));
    }
    if (text) front.address = field(text, lines, members);
  }
  const id = readIdNumber(lines);
  front.idNumber = id.idNumber;
  return front;
}

function frontChecks(front: IdCardFront): Check[] {
  const checks: Check[] = [];
  const id = front.idNumber;
  if (!id.value || !id.facts) {
    checks.push({ code: 'id.found', name: '识别到身份号码', result: 'fail', message: '未识别到 18 位公民身份号码' });
  } else {
    const f = id.facts;
    checks.push({
      code: 'id.checkDigit',
      name: '校验码',
      result: f.valid ? 'pass' : f.problem === 'check' ? 'fail' : 'unknown',
      message: f.valid ? '校验码正确（GB 11643）' : f.problem === 'check' ? `校验码应为 ${f.expectedCheck}，识别为 ${id.value[17]}` : '号码中的出生日期无效',
    });
    checks.push(
      !front.birthDate.value || !f.birthDate
        ? { code: 'idcard.birthDateMatchesNumber', name: '出生日期与号码一致', result: 'unknown', message: '出生日期未识别，未比对' }
        : front.birthDate.value === f.birthDate
          ? { code: 'idcard.birthDateMatchesNumber', name: '出生日期与号码一致', result: 'pass', message: `出生日期 ${f.birthDate} 与号码一致` }
          : {
              code: 'idcard.birthDateMatchesNumber',
              name: '出生日期与号码一致',
              result: 'fail',
              message: `证面出生日期 ${front.birthDate.value} 与号码中的 ${f.birthDate} 不一致`,
            },
    );
    checks.push(
      !front.sex.value || !f.sex
        ? { code: 'idcard.sexMatchesNumber', name: '性别与号码一致', result: 'unknown', message: '性别未识别，未比对' }
        : front.sex.value === f.sex
          ? { code: 'idcard.sexMatchesNumber', name: '性别与号码一致', result: 'pass', message: `性别 ${f.sex} 与号码第 17 位一致` }
          : {
              code: 'idcard.sexMatchesNumber',
              name: '性别与号码一致',
              result: 'fail',
              message: `证面性别 ${front.sex.value} 与号码第 17 位（${f.sex}）不一致`,
            },
    );
  }
  for (const [k, label] of [
    ['name', '姓名'],
    ['sex', '性别'],
    ['ethnicity', '民族'],
    ['birthDate', '出生'],
    ['address', '住址'],
  ] as const) {
    if (!front[k].value) checks.push({ code: `idcard.${k}.found`, name: `识别到${label}`, result: 'fail', message: `未识别到${label}` });
  }
  return checks;
}

const DATE = String.raw`(\d{4})[.\-/年 ]?(\d{2})[.\-/月 ]?(\d{2})日?`;

function readBack(rows: RowText[], lines: OcrLine[]): IdCardBack {
  const back: IdCardBack = { authority: emptyField(), validFrom: emptyField(), validTo: emptyField() };
  for (const row of rows) {
    if (LABEL_RE.authority.test(row.text) && !back.authority.value) {
      const v = afterLabel(row, LABEL_RE.authority);
      if (v.text) back.authority = field(v.text, lines, v.members);
    }
    if (LABEL_RE.validity.test(row.text) && !back.validFrom.value) {
      const v = afterLabel(row, LABEL_RE.validity);
      const text = v.text.replace(/[Oo]/g, '0').replace(/[—–~至]/g, '-');
      const m = new RegExp(`${DATE}-(?:${DATE}|(长期))`).exec(text);
      if (m) {
        back.validFrom = field(`${m[1]}-${m[2]}-${m[3]}`, lines, v.members);
        back.validTo = field(m[7] ? '长期' : `${m[4]}-${m[5]}-${m[6]}`, lines, v.members);
      }
    }
  }
  return back;
}

function backChecks(back: IdCardBack): Check[] {
  const checks: Check[] = [];
  if (!back.authority.value) checks.push({ code: 'idcard.authority.found', name: '识别到签发机关', result: 'fail', message: '未识别到签发机关' });
  if (!back.validFrom.value || !back.validTo.value) {
    checks.push({ code: 'idcard.validity.found', name: '识别到有效期限', result: 'fail', message: '未识别到有效期限' });
    return checks;
  }
  const from = back.validFrom.value;
  const to = back.validTo.value;
  const real = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, dd));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === dd;
  };
  const years = to === '长期' ? null : Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  const shapeOk = real(from) && (to === '长期' || (real(to) && to.slice(5) === from.slice(5) && [5, 10, 20].includes(years ?? -1)));
  checks.push({
    code: 'idcard.validity.shape',
    name: '有效期限合理',
    result: shapeOk ? 'pass' : 'fail',
    message: shapeOk ? `有效期限 ${from} 至 ${to}` : `有效期限 ${from} 至 ${to} 不符合 5/10/20 年或长期的规定`,
  });
  if (to !== '长期') {
    const today = new Date().toISOString().slice(0, 10);
    checks.push({
      code: 'idcard.validity.current',
      name: '证件在有效期内',
      result: to >= today ? 'pass' : 'fail',
      message: to >= today ? `有效至 ${to}` : `证件已于 ${to} 过期`,
    });
  } else checks.push({ code: 'idcard.validity.current', name: '证件在有效期内', result: 'pass', message: '长期有效' });
  return checks;
}
