/**
 * The simulator's own checks of identifiers, written from the interface description (DOMAIN.md §1.6 and the
 * README beside this file), deliberately not imported from @shtp/core: a bug in the shared validators must not
 * pass on both sides. Each returns null when the value passes, else the reason (never quoting the value).
 */

/** Province-level codes (first two digits of GB/T 2260) an ID number may start with. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Shanghai's district codes in use [A] (登记行政区划 of a Shanghai e-bike). */
export const SHANGHAI_DISTRICT_CODES = new Set([
  '310101',
  '310104',
  '310105',
  '310106',
  '310107',
  '310109',
  '310110',
  '310112',
  '310113',
  '310114',
  '310115',
  '310116',
  '310117',
  '310118',
  '310120',
  '310151',
]);

const realDate = (iso: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === iso;
};

/** YYYY-MM-DD, a real day, not after `today`. */
export function dateProblem(v: string, today = new Date()): string | null {
  if (!realDate(v)) return '应为 YYYY-MM-DD 格式的日期';
  // 六合一 judges days in Beijing time (UTC+8, no daylight saving): at 01:00 in Shanghai it is already "today" there.
  const beijingToday = new Date(today.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return v > beijingToday ? '不能晚于今天' : null;
}

/** GB 11643: 17 digits + ISO 7064 MOD 11-2 check character, a real birth date, a province code; upper-case X. */
export function idNumberProblem(v: string): string | null {
  if (!/^\d{17}[\dX]$/.test(v)) return '应为 18 位（末位可为大写 X）的规范写法';
  if (!PROVINCES.has(v.slice(0, 2))) return '地址码不存在';
  if (!realDate(`${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`)) return '出生日期无效';
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(v[i]), 0);
  return '10X98765432'[sum % 11] === v[17] ? null : '校验位错误';
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100: 18 characters of the code alphabet, the last a MOD 31 check character. */
export function usccProblem(v: string): string | null {
  if (v.length !== 18 || [...v].some((c) => !USCC_CHARS.includes(c))) return '应为 18 位数字或大写字母（不含 I、O、Z、S、V）';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = weights.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(v[i]!), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === v[17] ? null : '校验位错误';
}

/** A mainland mobile number, or a Shanghai landline (8 digits, optionally after 021 / 021-). */
export function phoneProblem(v: string): string | null {
  return /^(?:1[3-9]\d{9}|(?:021-?)?[2-9]\d{7})$/.test(v) ? null : '须为手机号码或上海固定电话';
}

/** The plate patterns configured for the far side (whole-string regular expressions); invalid ones are skipped. */
export function platePatterns(sources: readonly string[]): RegExp[] {
  return sources.flatMap((s) => {
    try {
      return [new RegExp(`^(?:${s})$`, 'u')];
    } catch {
      return [];
    }
  });
}
