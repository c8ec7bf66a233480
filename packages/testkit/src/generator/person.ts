import { idNumberCheckChar } from '@shtp/core/validators';
import { GIVEN_NAMES, ROADS, SURNAMES } from './names.ts';
import type { Rng } from './rng.ts';
import { OTHER_AREA_CODES, SHANGHAI_ABOLISHED_AREAS, SHANGHAI_DISTRICTS, type ShanghaiDistrict } from './shanghai.ts';

/** Mobile prefixes of the three carriers; the rest of the number is random, so it is not anyone's. */
const MOBILE_PREFIXES = ['133', '135', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '186', '188', '189', '199'];

export interface SyntheticPerson {
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  mobile: string;
  /** Residence: a real Shanghai district and subdistrict with a synthetic road and number. */
  address: string;
  districtCode: string;
  subdistrict: string;
  /** Whether the ID number's area code is in Shanghai (非沪籍 otherwise). */
  shanghai: boolean;
  /** The ID number carries an area code abolished since (e.g. 310103 卢湾区): valid, but flagged by the validator. */
  idAreaAbolished: boolean;
}

export interface PeopleOptions {
  count: number;
  /** Share of people whose ID comes from another province (default 0.3). */
  nonShanghaiShare?: number;
  /** Share of Shanghai-born people, born before the abolition, whose ID keeps an abolished district code (default 0.05). */
  abolishedAreaShare?: number;
  /** Reference date for ages (default 2026-01-01, fixed so that output does not depend on the clock). */
  asOf?: Date;
}

/** An ID number with a correct check character for this area, birth date and sex. */
export function syntheticIdNumber(rng: Rng, areaCode: string, birthDate: string, sex: 'M' | 'F'): string {
  const seqBase = rng.int(0, 99) * 10 + rng.int(0, 4) * 2; // even 0..998
  const seq = String(seqBase + (sex === 'M' ? 1 : 0)).padStart(3, '0');
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

export function syntheticName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

export function syntheticMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** A Shanghai address in a real district and subdistrict (街道/镇) with a synthetic road, lane, number and room. */
export function syntheticAddress(
  rng: Rng,
  district: ShanghaiDistrict = rng.pick(SHANGHAI_DISTRICTS),
): { address: string; district: ShanghaiDistrict; subdistrict: string } {
  const subdistrict = rng.pick(district.streets);
  const address = `上海市${district.name}${subdistrict}${rng.pick(ROADS)}${rng.int(1, 999)}弄${rng.int(1, 60)}号${rng.int(1, 22)}0${rng.int(1, 4)}室`;
  return { address, district, subdistrict };
}

/** Synthetic people (mostly Shanghai residents with Shanghai IDs, some 非沪籍), adults aged 18–75 as of `asOf`. */
export function* people(rng: Rng, opts: PeopleOptions): Generator<SyntheticPerson> {
  const asOf = opts.asOf ?? new Date(Date.UTC(2026, 0, 1));
  for (let i = 0; i < opts.count; i++) {
    const sex = rng.chance(0.5) ? 'M' : 'F';
    const age = rng.int(18, 75);
    const birthYear = asOf.getUTCFullYear() - age;
    const birthDate = new Date(Date.UTC(birthYear, rng.int(0, 11), rng.int(1, 28))).toISOString().slice(0, 10);
    const { address, district, subdistrict } = syntheticAddress(rng);
    const shanghai = !rng.chance(opts.nonShanghaiShare ?? 0.3);
    let area: string = shanghai ? district.code : rng.pick(OTHER_AREA_CODES);
    let idAreaAbolished = false;
    if (shanghai && rng.chance(opts.abolishedAreaShare ?? 0.05)) {
      const old = rng.pick(SHANGHAI_ABOLISHED_AREAS);
      if (birthYear < old.until) {
        area = old.code;
        idAreaAbolished = true;
      }
    }
    yield {
      name: syntheticName(rng),
      sex,
      birthDate,
      idNumber: syntheticIdNumber(rng, area, birthDate, sex),
      mobile: syntheticMobile(rng),
      address,
      districtCode: district.code,
      subdistrict,
      shanghai,
      idAreaAbolished,
    };
  }
}
