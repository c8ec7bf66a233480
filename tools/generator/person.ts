import { idNumberCheckChar } from '@shtp/core';
import type { Rng } from './rng.ts';
import { OTHER_AREA_CODES, SHANGHAI_DISTRICTS } from './shanghai.ts';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '沈',
  '顾',
  '陆',
  '钱',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '慧',
  '建国',
  '晓东',
  '雪梅',
  '志强',
  '海燕',
  '佳怡',
  '子涵',
  '浩然',
  '欣怡',
  '宇轩',
  '思远',
];
const ROADS = ['建设路', '人民路', '和平路', '解放路', '团结路', '新华路', '光明路', '复兴路', '幸福路', '振兴路'];
/** Mobile prefixes of the three carriers; the rest of the number is random, so it is not anyone's. */
const MOBILE_PREFIXES = ['133', '135', '137', '138', '139', '150', '151', '152', '158', '159', '177', '180', '186', '188', '189', '199'];

export interface SyntheticPerson {
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  mobile: string;
  address: string;
  /** Whether the ID number's area code is in Shanghai (非沪籍 otherwise). */
  shanghai: boolean;
}

/** An ID number with a correct check character for this area, birth date and sex. */
export function syntheticIdNumber(rng: Rng, areaCode: string, birthDate: string, sex: 'M' | 'F'): string {
  const seqBase = rng.int(0, 99) * 10 + rng.int(0, 4) * 2; // even 0..998
  const seq = String(seqBase + (sex === 'M' ? 1 : 0)).padStart(3, '0');
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** Synthetic people (mostly Shanghai residents, some 非沪籍), adults aged 18–75 as of `asOf`. */
export function* people(rng: Rng, opts: { count: number; nonShanghaiShare?: number; asOf?: Date }): Generator<SyntheticPerson> {
  const asOf = opts.asOf ?? new Date(Date.UTC(2026, 0, 1));
  for (let i = 0; i < opts.count; i++) {
    const sex = rng.chance(0.5) ? 'M' : 'F';
    const age = rng.int(18, 75);
    const birth = new Date(Date.UTC(asOf.getUTCFullYear() - age, rng.int(0, 11), rng.int(1, 28)));
    const birthDate = birth.toISOString().slice(0, 10);
    const district = rng.pick(SHANGHAI_DISTRICTS);
    const shanghai = !rng.chance(opts.nonShanghaiShare ?? 0.3);
    const area = shanghai ? district.code : rng.pick(OTHER_AREA_CODES);
    yield {
      name: rng.pick(SURNAMES) + rng.pick(GIVEN),
      sex,
      birthDate,
      idNumber: syntheticIdNumber(rng, area, birthDate, sex),
      mobile: rng.pick(MOBILE_PREFIXES) + rng.digits(8),
      address: `上海市${district.name}${rng.pick(district.streets)}${rng.pick(ROADS)}${rng.int(1, 999)}弄${rng.int(1, 60)}号${rng.int(101, 2204)}室`,
      shanghai,
    };
  }
}
