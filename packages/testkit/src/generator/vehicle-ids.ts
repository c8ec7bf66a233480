/**
 * Vehicle identifiers: VINs (ISO 3779, check digit at position 9), motor-vehicle plates (GA 36 shapes of
 * VALIDATORS.md §4), and e-bike 整车编码 / 电机号 / plates (DOMAIN.md §1.2, §1.7). Every stream is unique for its
 * first N items (N below) through seeded permutations, in O(1) memory.
 */
import { DEFAULT_EBIKE_PLATE_PATTERN, PLATE_SEQUENCE_LETTERS, vinCheckChar } from '@shtp/core/validators';
import { Permutation, type Rng, toAlphabet } from './rng.ts';

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
/** ISO 3779 model-year codes for 2010…2030 (no I O Q U Z 0). */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY';
/**
 * World manufacturer identifiers seen on cars made in China (LSV SAIC Volkswagen, LFV FAW-Volkswagen, LSG SAIC-GM,
 * LBV BMW Brilliance, LGB Dongfeng Nissan, LVS Changan Ford, LRW Tesla Shanghai, LSJ SAIC MG, LGX BYD, LHG GAC Honda).
 * Used only to make synthetic VINs look plausible; the rest of the VIN is random.
 */
export const SYNTHETIC_WMIS = ['LSV', 'LFV', 'LSG', 'LBV', 'LGB', 'LVS', 'LRW', 'LSJ', 'LGX', 'LHG'] as const;
/** Unique VINs per stream: plant character (33) × 6-digit serial. */
export const VIN_SPACE = VIN_CHARS.length * 1_000_000;

/**
 * A VIN for a model year in 2010–2030 whose positions 11-17 encode `serial` (< VIN_SPACE): WMI + 5 random VDS
 * characters + check digit + year code + plant + 6-digit serial.
 */
export function syntheticVin(rng: Rng, serial: number, modelYear: number): string {
  const yearCode = YEAR_CODES[modelYear - 2010];
  if (!yearCode) throw new RangeError('model year must be 2010–2030');
  let vds = '';
  for (let i = 0; i < 5; i++) vds += rng.char(VIN_CHARS);
  const tail = yearCode + VIN_CHARS[Math.floor(serial / 1_000_000)]! + String(serial % 1_000_000).padStart(6, '0');
  const draft = `${rng.pick(SYNTHETIC_WMIS)}${vds}0${tail}`;
  return draft.slice(0, 8) + vinCheckChar(draft) + draft.slice(9);
}

/** Shanghai issuing-authority letters used for synthetic motor plates (沪A…沪N without I). */
const SH_AUTHORITIES = 'ABCDEFGHJKLMN';
/** Sequence characters: letters without I and O, and digits. */
const SEQ_CHARS = `${PLATE_SEQUENCE_LETTERS}0123456789`;
const ORDINARY_SPACE = SH_AUTHORITIES.length * SEQ_CHARS.length * 10_000;
const NEV_SMALL_SPACE = SH_AUTHORITIES.length * 2 * SEQ_CHARS.length * 10_000;

/** 沪 + authority + 1 letter-or-digit + 4 digits (7 characters, blue plate). Unique for n < ORDINARY_SPACE. */
export function ordinaryPlate(n: number): string {
  const digits = String(n % 10_000).padStart(4, '0');
  const m = Math.floor(n / 10_000);
  return `沪${SH_AUTHORITIES[Math.floor(m / SEQ_CHARS.length)]}${SEQ_CHARS[m % SEQ_CHARS.length]}${digits}`;
}

/** 沪 + authority + D|F + letter-or-digit + 4 digits (8 characters, small new-energy). Unique for n < NEV_SMALL_SPACE. */
export function newEnergySmallPlate(n: number): string {
  const digits = String(n % 10_000).padStart(4, '0');
  let m = Math.floor(n / 10_000);
  const second = SEQ_CHARS[m % SEQ_CHARS.length];
  m = Math.floor(m / SEQ_CHARS.length);
  return `沪${SH_AUTHORITIES[Math.floor(m / 2)]}${'DF'[m % 2]}${second}${digits}`;
}

export interface MotorVehicleIds {
  vin: string;
  modelYear: number;
  plate: string;
  plateKind: 'ordinary' | 'new-energy-small';
}

/** Synthetic motor vehicles registered in Shanghai; VINs and plates are unique within the stream. */
export function* motorVehicleIds(rng: Rng, opts: { count: number; newEnergyShare?: number }): Generator<MotorVehicleIds> {
  const vinSerials = new Permutation(rng, VIN_SPACE);
  const ordinary = new Permutation(rng, ORDINARY_SPACE);
  const nev = new Permutation(rng, NEV_SMALL_SPACE);
  let nOrdinary = 0;
  let nNev = 0;
  for (let i = 0; i < opts.count; i++) {
    const modelYear = rng.int(2010, 2025);
    const isNev = rng.chance(opts.newEnergyShare ?? 0.25);
    yield {
      vin: syntheticVin(rng, vinSerials.at(i), modelYear),
      modelYear,
      plate: isNev ? newEnergySmallPlate(nev.at(nNev++)) : ordinaryPlate(ordinary.at(nOrdinary++)),
      plateKind: isNev ? 'new-energy-small' : 'ordinary',
    };
  }
}

/**
 * E-bike plate in the shape of DEFAULT_EBIKE_PLATE_PATTERN (沪 + letter + 6 characters; UNCONFIRMED, DOMAIN.md §1.7):
 * 沪 + a letter other than I/O + 6 digits, which fits no motor-vehicle shape. Unique for n < 24 × 10^6.
 */
export function ebikePlate(n: number): string {
  return `沪${SEQ_CHARS[Math.floor(n / 1_000_000)]}${String(n % 1_000_000).padStart(6, '0')}`;
}
const EBIKE_PLATE_SPACE = 24 * 1_000_000;

/**
 * Synthetic e-bike makers: a 3-digit prefix for the 整车编码 and letters for the 电机号. ASSUMPTIONS [A]: the 15 digits
 * of the 整车编码 are known only to match ^\d{15}$ (DOMAIN.md §1.2); motor numbers are manufacturer-specific, so the
 * shape letters + YYMM + 7 digits is invented.
 */
export const SYNTHETIC_EBIKE_MAKERS = [
  { brand: '雅迪', frameCodePrefix: '117', motorPrefix: 'YD' },
  { brand: '爱玛', frameCodePrefix: '121', motorPrefix: 'AM' },
  { brand: '台铃', frameCodePrefix: '134', motorPrefix: 'TL' },
  { brand: '新日', frameCodePrefix: '142', motorPrefix: 'XR' },
  { brand: '绿源', frameCodePrefix: '155', motorPrefix: 'LY' },
  { brand: '小牛', frameCodePrefix: '163', motorPrefix: 'NIU' },
  { brand: '九号', frameCodePrefix: '178', motorPrefix: 'NB' },
] as const;

export interface EbikeIds {
  brand: string;
  /** 整车编码: 15 digits (maker prefix + 12-digit serial, unique within the stream). */
  frameCode: string;
  /** 电机号 (invented shape, see SYNTHETIC_EBIKE_MAKERS). */
  motorNumber: string;
  plate: string;
  /** YYYY-MM of manufacture. */
  made: string;
}

export function* ebikeIds(rng: Rng, opts: { count: number; asOf?: Date }): Generator<EbikeIds> {
  if (!DEFAULT_EBIKE_PLATE_PATTERN.test(ebikePlate(0))) throw new Error('ebikePlate() no longer fits DEFAULT_EBIKE_PLATE_PATTERN');
  const asOfYear = (opts.asOf ?? new Date(Date.UTC(2026, 0, 1))).getUTCFullYear();
  const frameSerials = new Permutation(rng, 1e12);
  const motorSerials = new Permutation(rng, 1e7);
  const plates = new Permutation(rng, EBIKE_PLATE_SPACE);
  for (let i = 0; i < opts.count; i++) {
    const maker = rng.pick(SYNTHETIC_EBIKE_MAKERS);
    const year = rng.int(2019, asOfYear - 1); // GB 17761-2018 in force from 2019-04-15
    const month = year === 2019 ? rng.int(5, 12) : rng.int(1, 12);
    const mm = String(month).padStart(2, '0');
    yield {
      brand: maker.brand,
      frameCode: maker.frameCodePrefix + String(frameSerials.at(i)).padStart(12, '0'),
      motorNumber: `${maker.motorPrefix}${String(year).slice(2)}${mm}${toAlphabet(motorSerials.at(i % 1e7), '0123456789', 7)}`,
      plate: ebikePlate(plates.at(i)),
      made: `${year}-${mm}`,
    };
  }
}
