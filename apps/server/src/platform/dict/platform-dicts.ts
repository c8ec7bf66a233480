import type { DictDeclaration } from './dict.service.ts';

/** Dictionaries of the platform itself; modules declare theirs the same way. */
export const PLATFORM_DICTS: DictDeclaration[] = [
  {
    code: 'gender',
    name: '性别',
    description: 'GB/T 2261.1 人的性别代码',
    items: [
      { value: '0', label: '未知的性别' },
      { value: '1', label: '男性' },
      { value: '2', label: '女性' },
      { value: '9', label: '未说明的性别' },
    ],
  },
  {
    code: 'plate_type',
    name: '号牌种类',
    description: 'GA 24.7 号牌种类代码（hpzl）；新能源 51/52 为假设值，以六合一代码表为准',
    items: [
      { value: '01', label: '大型汽车' },
      { value: '02', label: '小型汽车' },
      { value: '03', label: '使馆汽车' },
      { value: '04', label: '领馆汽车' },
      { value: '05', label: '境外汽车' },
      { value: '06', label: '外籍汽车' },
      { value: '07', label: '普通摩托车' },
      { value: '08', label: '轻便摩托车' },
      { value: '13', label: '低速车' },
      { value: '14', label: '拖拉机' },
      { value: '15', label: '挂车' },
      { value: '16', label: '教练汽车' },
      { value: '17', label: '教练摩托车' },
      { value: '20', label: '临时入境汽车' },
      { value: '21', label: '临时入境摩托车' },
      { value: '22', label: '临时行驶车' },
      { value: '23', label: '警用汽车' },
      { value: '24', label: '警用摩托' },
      { value: '51', label: '大型新能源汽车' },
      { value: '52', label: '小型新能源汽车' },
      { value: '99', label: '其他号牌' },
    ],
  },
];
