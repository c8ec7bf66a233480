/**
 * Money on invoices, as integer fen (1/100 yuan) so that sums are exact.
 * - Figures: `¥219,900.00` also arrives as `219.900.00`, `219 900.00`, `Y219，900.00` or with O for 0 under blur:
 *   the last separator followed by one or two digits is the decimal point, every other separator is grouping.
 * - Words (大写金额): `⊗贰拾壹万玖仟玖佰圆整` and the like, read back to fen; unknown characters make it unreadable
 *   rather than a guess.
 */

/** Parses an amount in figures; null when no amount is there. */
export function parseAmountFigures(text: string): number | null {
  const cleaned = text
    .replace(/[Oo]/g, '0')
    .replace(/[¥￥Y]/g, ' ')
    .replace(/[，,·'`]/g, ',');
  const m = /\d[\d., ]*\d|\d/.exec(cleaned);
  if (!m) return null;
  const run = m[0].trim();
  // One digit after the last separator: a decimal whose second digit was lost (`25,298.2`).
  const dec = /[., ](\d{1,2})$/.exec(run);
  const intPart = (dec ? run.slice(0, dec.index) : run).replace(/[., ]/g, '');
  if (!/^\d+$/.test(intPart) || intPart.length > 13) return null;
  return Number(intPart) * 100 + (dec ? Number((dec[1] as string).padEnd(2, '0')) : 0);
}

/** 21990000 → "219900.00". */
export function formatFen(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  壹: 1,
  贰: 2,
  貳: 2,
  叁: 3,
  參: 3,
  参: 3,
  肆: 4,
  伍: 5,
  陆: 6,
  陸: 6,
  柒: 7,
  捌: 8,
  玖: 9,
};
const UNIT: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
const SECTION: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };
const YUAN = /[圆元圓園]/;
const DIGITS = Object.keys(DIGIT).join('');
/** What precedes the words on the form (⊗, 人民币, 大写, brackets); a numeral or unit ends it. */
const LEADING_NOISE = new RegExp(`^[^${DIGITS}${Object.keys(UNIT).join('')}${Object.keys(SECTION).join('')}]*`);

/** The integer part (before 圆) in words; null if a character is not a capital numeral or unit. */
function integerFromWords(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit = 0;
  let any = false;
  for (const ch of s) {
    if (ch in DIGIT) {
      digit = DIGIT[ch] as number;
      any = true;
    } else if (ch in UNIT) {
      // 拾 at the start of a section stands for 壹拾.
      section += (digit || (section === 0 ? 1 : 0)) * (UNIT[ch] as number);
      digit = 0;
      any = true;
    } else if (ch in SECTION) {
      const unit = SECTION[ch] as number;
      // 亿 scales everything before it; 万 only the current section.
      if (unit === 1e8) total = (total + section + digit) * unit;
      else total += (section + digit) * unit;
      section = 0;
      digit = 0;
    } else return null;
  }
  return any ? total + section + digit : null;
}

/** Parses an amount in capital words to fen; null if unreadable. */
export function parseAmountWords(text: string): number | null {
  const s = text
    .replace(LEADING_NOISE, '')
    .replace(/[\s⊗ⓧ×X(（)）]/g, '')
    .replace(/[整正]$/, '');
  if (!s) return null;
  const y = YUAN.exec(s);
  const intWords = y ? s.slice(0, y.index) : '';
  const rest = y ? s.slice(y.index + 1) : s;
  let yuan = 0;
  if (intWords) {
    const v = integerFromWords(intWords);
    if (v === null) return null;
    yuan = v;
  } else if (!y && !/[角分]/.test(rest)) return null;
  let fen = 0;
  const jiao = new RegExp(`([${DIGITS}])角`).exec(rest);
  const f = new RegExp(`([${DIGITS}])分`).exec(rest);
  if (jiao) fen += (DIGIT[jiao[1] as string] as number) * 10;
  if (f) fen += DIGIT[f[1] as string] as number;
  const leftover = rest.replace(new RegExp(`[${DIGITS}][角分]`, 'g'), '').replace(/^零/, '');
  if (leftover) return null;
  return yuan * 100 + fen;
}
