/**
 * Licence plates (VALIDATORS.md §4, GA 36-2018 shapes; DOMAIN.md §1.7 for e-bikes): the one definition of what a plate
 * looks like, used by the forms, the 六合一 checks and the OCR plate reader alike. Normalise, then classify by shape.
 * The issuing-authority prefix is looked up in the plate-prefix table (../data/plate-prefixes.ts) for the region.
 * Temporary plates (临时行驶车号牌) are deliberately not recognised: their number format is unverified (VALIDATORS.md §4).
 */
import { PLATE_PREFIX_ROWS } from '../data/plate-prefixes.ts';
import type { Invalid } from './common.ts';

/** The 31 provincial abbreviations that start a civil plate. */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Last-position special characters of an ordinary-shaped plate, and what they mean. */
export const PLATE_SUFFIX_KINDS = {
  挂: 'trailer',
  学: 'coach',
  警: 'police',
  港: 'hong-kong',
  澳: 'macau',
  领: 'consulate',
  试: 'test',
  超: 'oversize',
} as const;

/** Sequence letters: A–Z without I and O (they read as 1 and 0). O is an issuing-authority letter only (冀O: a provincial 车管所). */
export const PLATE_SEQUENCE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Every character a plate may hold: provinces, letters (O as authority letter only), digits, last-position specials. */
export const PLATE_CHARACTERS = `${PLATE_PROVINCES}${PLATE_SEQUENCE_LETTERS}O0123456789${Object.keys(PLATE_SUFFIX_KINDS).join('')}`;

export type PlateKind = 'ordinary' | 'new-energy-small' | 'new-energy-large' | (typeof PLATE_SUFFIX_KINDS)[keyof typeof PLATE_SUFFIX_KINDS] | 'ebike';

export const PLATE_KIND_LABELS: Record<PlateKind, string> = {
  ordinary: '普通号牌',
  'new-energy-small': '小型新能源号牌',
  'new-energy-large': '大型新能源号牌',
  trailer: '挂车号牌',
  coach: '教练号牌',
  police: '警用号牌',
  'hong-kong': '香港入出境号牌',
  macau: '澳门入出境号牌',
  consulate: '领馆号牌',
  test: '试验号牌',
  oversize: '超限号牌',
  ebike: '电动自行车号牌',
};

/**
 * Default Shanghai e-bike plate shape: 沪 + letter + 6 letters/digits (8 characters). UNCONFIRMED [A]: this is the
 * shape one other province's system validates (DOMAIN.md §1.7); Shanghai's own format was not found. The shapes in
 * force are the parameter `ebike.plate.patterns` (this is its default); pass them as `ebikePatterns`.
 */
export const DEFAULT_EBIKE_PLATE_PATTERN = /^沪[A-Z][A-Z0-9]{6}$/;

const P = `[${PLATE_PROVINCES}]`;
/** Issuing-authority letter: any but I (the prefix table uses O for provincial 车管所, e.g. 冀O). */
const A = '[A-HJ-Z]';
/** Sequence characters: letters without I and O, or digits. */
const S = `[${PLATE_SEQUENCE_LETTERS}0-9]`;
const MOTOR_SHAPES: { kind: PlateKind; re: RegExp }[] = [
  { kind: 'ordinary', re: new RegExp(`^${P}${A}${S}{5}$`) },
  { kind: 'new-energy-small', re: new RegExp(`^${P}${A}[DF]${S}\\d{4}$`) },
  { kind: 'new-energy-large', re: new RegExp(`^${P}${A}\\d{5}[DF]$`) },
  ...Object.entries(PLATE_SUFFIX_KINDS).map(([suffix, kind]) => ({ kind, re: new RegExp(`^${P}${A}${S}{4}${suffix}$`) })),
];

/** Half-width, upper case; separators `· • . - 。` and whitespace removed (OCR and typing variants, VALIDATORS.md §4). */
export function normalisePlate(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[·•・‧.\-。\s]/g, '')
    .toUpperCase();
}

let prefixes: Map<string, string> | undefined;

/** The region of a 2-character plate prefix ('沪A' → '上海市', '冀O' → '河北省公安厅交通管理局车辆管理所'), or null if unknown. */
export function plateRegion(prefix: string): string | null {
  if (!prefixes) {
    prefixes = new Map();
    for (const [code, region] of PLATE_PREFIX_ROWS) {
      const province = code[0]!;
      const cls = code.slice(1).replace(/^\[|\]$/g, '');
      const letters = cls.replace(/([A-Z])-([A-Z])/g, (_, a: string, b: string) => {
        let s = '';
        for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) s += String.fromCharCode(c);
        return s;
      });
      for (const l of letters) prefixes.set(province + l, region);
    }
  }
  return prefixes.get(prefix) ?? null;
}

/** Which plates to accept: motor-vehicle shapes, the e-bike shapes, or both. */
export const PLATE_VEHICLES = ['any', 'motor', 'ebike'] as const;
export type PlateVehicle = (typeof PLATE_VEHICLES)[number];

export interface PlateOptions {
  /** Default 'any'. */
  vehicle?: PlateVehicle;
  /** The e-bike plate shapes, any of which fits (strings are anchored as whole-string matches). Default [DEFAULT_EBIKE_PLATE_PATTERN]. */
  ebikePatterns?: readonly (RegExp | string)[];
  /** Refuse prefixes that are not in the plate-prefix table (default false: the table may lag new prefixes). */
  knownPrefixOnly?: boolean;
  label?: string;
}

export type PlateResult =
  | {
      ok: true;
      value: string;
      /** The first matching kind (motor shapes before the e-bike shape). */
      kind: PlateKind;
      /** Every kind the string fits: an 8-character plate may fit new-energy and e-bike alike (tell them apart by colour or context). */
      kinds: PlateKind[];
      province: string;
      /** Province + issuing-authority letter, e.g. 沪A. */
      prefix: string;
      region: string | null;
    }
  | (Invalid & { problem: 'format' | 'prefix' });

/**
 * An e-bike plate shape as a whole-string matcher: a configured string is anchored (`^(?:…)$`, Unicode mode); a RegExp
 * loses g/y (test() on them is stateful). Throws on an invalid pattern — the parameter's check calls it.
 */
export function ebikePlateRegExp(pattern: RegExp | string): RegExp {
  if (typeof pattern === 'string') return new RegExp(`^(?:${pattern})$`, 'u');
  return pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
}

/** Whether a normalised plate fits one of the e-bike shapes (default [DEFAULT_EBIKE_PLATE_PATTERN]). */
export function isEbikePlate(value: string, patterns: readonly (RegExp | string)[] = [DEFAULT_EBIKE_PLATE_PATTERN]): boolean {
  return patterns.some((p) => ebikePlateRegExp(p).test(value));
}

/** All kinds a normalised plate fits (empty if none), motor shapes first. */
export function plateKinds(value: string, opts: Pick<PlateOptions, 'vehicle' | 'ebikePatterns'> = {}): PlateKind[] {
  const vehicle = opts.vehicle ?? 'any';
  const kinds: PlateKind[] = [];
  if (vehicle !== 'ebike') for (const { kind, re } of MOTOR_SHAPES) if (re.test(value)) kinds.push(kind);
  if (vehicle !== 'motor' && isEbikePlate(value, opts.ebikePatterns)) kinds.push('ebike');
  return kinds;
}

export function checkPlate(input: string, opts: PlateOptions = {}): PlateResult {
  const label = opts.label ?? '号牌号码';
  const value = normalisePlate(input);
  const kinds = plateKinds(value, opts);
  if (kinds.length === 0) {
    const what = opts.vehicle === 'ebike' ? '电动自行车号牌' : opts.vehicle === 'motor' ? '机动车号牌' : '号牌';
    return { ok: false, problem: 'format', message: `${label}不符合${what}格式` };
  }
  const prefix = value.slice(0, 2);
  const region = plateRegion(prefix);
  if (region === null && opts.knownPrefixOnly) return { ok: false, problem: 'prefix', message: `${label}的发牌机关代号“${prefix}”不存在` };
  return { ok: true, value, kind: kinds[0]!, kinds, province: value[0]!, prefix, region };
}
