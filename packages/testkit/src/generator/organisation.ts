import { organisationCodeCheckChar, USCC_CHARSET, usccCheckChar } from '@shtp/core/validators';
import { INDUSTRIES, TRADE_NAME_CHARS } from './names.ts';
import { syntheticAddress, syntheticName } from './person.ts';
import { Permutation, type Rng, toAlphabet } from './rng.ts';
import { SHANGHAI_DISTRICTS } from './shanghai.ts';

/** GB 32100 entity types under registering authority 9 (市场监管): 1 企业, 2 个体工商户, 3 农民专业合作社. */
export type OrganisationKind = 'enterprise' | 'sole-trader' | 'cooperative';
const TYPE_DIGIT: Record<OrganisationKind, string> = { enterprise: '1', 'sole-trader': '2', cooperative: '3' };

export interface SyntheticOrganisation {
  name: string;
  kind: OrganisationKind;
  /** Valid GB 32100 code (with a valid GB 11714 organisation code at positions 9-17); unique within one stream. */
  uscc: string;
  /** The registering district (positions 3-8 of the code). */
  districtCode: string;
  address: string;
  legalRepresentative: string;
  /** YYYY-MM-DD. */
  established: string;
}

const BODY_SPACE = 31 ** 6;

/**
 * The USCC for the i-th organisation: 9 + type + district code + organisation code "MA" + 6 characters (the i-th
 * value of a seeded permutation, so codes are unique for i < 31^6) + GB 11714 check + MOD 31 check. New-style
 * organisation codes assigned since 2015 start with MA; that prefix is an observation, not from VALIDATORS.md.
 */
export function syntheticUscc(kind: OrganisationKind, districtCode: string, serial: number): string {
  const body = `MA${toAlphabet(serial, USCC_CHARSET, 6)}`;
  const first17 = `9${TYPE_DIGIT[kind]}${districtCode}${body}${organisationCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

export function* organisations(rng: Rng, opts: { count: number; asOf?: Date }): Generator<SyntheticOrganisation> {
  const serials = new Permutation(rng, BODY_SPACE);
  const asOfYear = (opts.asOf ?? new Date(Date.UTC(2026, 0, 1))).getUTCFullYear();
  for (let i = 0; i < opts.count; i++) {
    const r = rng.int(0, 99);
    const kind: OrganisationKind = r < 80 ? 'enterprise' : r < 97 ? 'sole-trader' : 'cooperative';
    const district = rng.pick(SHANGHAI_DISTRICTS);
    const trade = rng.char(TRADE_NAME_CHARS) + rng.char(TRADE_NAME_CHARS);
    const industry = rng.pick(INDUSTRIES);
    const name =
      kind === 'enterprise'
        ? `上海${trade}${industry}有限公司`
        : kind === 'sole-trader'
          ? `上海市${district.name}${trade}${industry}经营部`
          : `上海${district.name.replace(/区$/, '')}${trade}农业专业合作社`;
    yield {
      name,
      kind,
      uscc: syntheticUscc(kind, district.code, serials.at(i)),
      districtCode: district.code,
      address: syntheticAddress(rng, district).address,
      legalRepresentative: syntheticName(rng),
      established: new Date(Date.UTC(rng.int(2015, asOfYear - 1), rng.int(0, 11), rng.int(1, 28))).toISOString().slice(0, 10),
    };
  }
}
