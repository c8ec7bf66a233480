/**
 * An amount in fen (1/100 yuan) written in Chinese capital numerals as printed on invoices (大写金额):
 * 219900.00 → 贰拾壹万玖仟玖佰圆整, 123.05 → 壹佰贰拾叁圆零伍分. The fixture generator's own writer, kept apart from the
 * server's parser so that the parser is tested against an independent implementation.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿'];

/** A 1–9999 section: zeros inside collapse to one 零, trailing zeros are silent. */
function sectionWords(section: number): string {
  let out = '';
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(section / 10 ** p) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += `${DIGITS[d]}${UNITS[p]}`;
  }
  return out;
}

function integerWords(n: number): string {
  const sections: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 10_000)) sections.push(v % 10_000);
  let out = '';
  let gap = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i] as number;
    if (s === 0) {
      gap = out !== '';
      continue;
    }
    if (out && (s < 1000 || gap)) out += '零';
    out += sectionWords(s) + SECTIONS[i];
    gap = false;
  }
  return out;
}

export function amountInWords(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const f = fen % 10;
  let out = yuan > 0 ? `${integerWords(yuan)}圆` : '';
  if (jiao === 0 && f === 0) return `${out || '零圆'}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  out += f > 0 ? `${DIGITS[f]}分` : '整';
  return out;
}

/** 21990000 → "219,900.00" (grouped) or "219900.00". */
export function formatFen(fen: number, grouped: boolean): string {
  const yuan = String(Math.floor(fen / 100));
  const cents = String(fen % 100).padStart(2, '0');
  return `${grouped ? yuan.replace(/\B(?=(\d{3})+$)/g, ',') : yuan}.${cents}`;
}
