import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import type { Rng } from './prng.ts';

/** GB 11643 check character (ISO 7064 MOD 11-2), for synthesised numbers only. */
export function idCheckChar(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * (W[i] as number);
  return '10X98765432'[s % 11] as string;
}

/** Area codes that exist in GB/T 2260 (Shanghai's districts first, then some of other provinces). */
const AREAS = [
  ...Object.keys(SHANGHAI_DISTRICTS),
  '320102',
  '320583',
  '330106',
  '340104',
  '110105',
  '440305',
  '510107',
  '420106',
  '370202',
  '410105',
  '360102',
  '350203',
  '430104',
  '610113',
] as const;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉宇浩然欣怡子涵梓轩雨萱思远嘉诚晨曦文博俊杰佳琪志强建国海燕晓东丹凤';
const ETHNICITIES = ['汉', '汉', '汉', '汉', '汉', '汉', '回', '满', '壮', '蒙古', '土家', '朝鲜', '苗', '维吾尔'] as const;
const DISTRICTS: Record<string, string> = SHANGHAI_DISTRICTS;
const ROADS = [
  '世纪大道',
  '南京西路',
  '淮海中路',
  '中山北路',
  '长寿路',
  '四平路',
  '虹桥路',
  '龙华中路',
  '张杨路',
  '曹杨路',
  '共和新路',
  '沪太路',
  '漕宝路',
  '莲花南路',
  '金山大道',
  '嘉松北路',
  '人民北路',
  '华夏西路',
];
const PROVINCE_ADDR: Record<string, string> = {
  '32': '江苏省南京市玄武区',
  '33': '浙江省杭州市西湖区',
  '34': '安徽省合肥市瑶海区',
  '11': '北京市东城区',
  '44': '广东省深圳市福田区',
  '51': '四川省成都市青羊区',
  '42': '湖北省武汉市江岸区',
  '37': '山东省青岛市市南区',
  '41': '河南省郑州市金水区',
  '36': '江西省南昌市东湖区',
  '35': '福建省厦门市思明区',
  '43': '湖南省长沙市芙蓉区',
  '61': '陕西省西安市长安区',
};

export interface Person {
  name: string;
  sex: '男' | '女';
  ethnicity: string;
  birthDate: string; // YYYY-MM-DD
  address: string;
  idNumber: string;
  authority: string;
  validFrom: string; // YYYY.MM.DD
  validTo: string; // YYYY.MM.DD or 长期
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function person(rng: Rng): Person {
  const area = rng.pick(AREAS);
  const year = rng.int(1950, 2005);
  const month = rng.int(1, 12);
  const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const sex = rng.chance(0.5) ? '男' : '女';
  let seq = rng.int(0, 499) * 2 + (sex === '男' ? 1 : 0);
  if (seq === 0) seq = 2;
  const first17 = `${area}${year}${pad(month)}${pad(day)}${pad(seq, 3)}`;
  const idNumber = first17 + idCheckChar(first17);
  const givenLen = rng.chance(0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < givenLen; i++) given += rng.pick([...GIVEN]);
  const name = rng.pick([...SURNAMES]) + given;
  const district = DISTRICTS[area];
  const address = district
    ? `上海市${district}${rng.pick(ROADS)}${rng.int(1, 2999)}弄${rng.int(1, 60)}号${rng.int(101, 2504)}室`
    : `${PROVINCE_ADDR[area.slice(0, 2)] ?? '江苏省苏州市昆山市'}${rng.pick(['人民', '解放', '建设', '和平', '新华'])}路${rng.int(1, 999)}号`;
  const authority = district
    ? `上海市公安局${district.replace(/区$/, '')}分局`
    : `${(PROVINCE_ADDR[area.slice(0, 2)] ?? '江苏省苏州市昆山市').replace(/^.+?省/, '').replace(/市.*$/, '市')}公安局`;
  const fromYear = rng.int(Math.max(year + 16, 2006), 2023);
  const from = `${fromYear}.${pad(month)}.${pad(day)}`;
  // GB/T validity by age at issue: 16–25 ten years, 26–45 twenty years, 46 and over long-term.
  const age = fromYear - year;
  const years = age >= 46 ? 0 : age >= 26 ? 20 : 10;
  const validTo = years === 0 ? '长期' : `${fromYear + years}.${pad(month)}.${pad(day)}`;
  return {
    name,
    sex,
    ethnicity: rng.pick(ETHNICITIES),
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    address,
    idNumber,
    authority,
    validFrom: from,
    validTo,
  };
}
