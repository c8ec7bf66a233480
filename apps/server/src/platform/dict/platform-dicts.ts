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
    code: 'dept_level',
    name: '部门层级',
    items: [
      { value: '总队', label: '总队' },
      { value: '支队', label: '支队' },
      { value: '大队', label: '大队' },
      { value: '中队', label: '中队' },
    ],
  },
];
