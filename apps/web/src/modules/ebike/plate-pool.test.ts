import { describe, expect, it } from 'vitest';
import { pivotPoolStats } from './plate-pool';

describe('pivotPoolStats', () => {
  it('makes one row per department and kind with a count per status', () => {
    const rows = pivotPoolStats([
      { departmentId: 3, departmentName: '浦东交警支队', plateKind: 'P', status: 'free', count: 900 },
      { departmentId: 3, departmentName: '浦东交警支队', plateKind: 'P', status: 'cooling', count: 4 },
      { departmentId: 3, departmentName: '浦东交警支队', plateKind: 'P', status: 'allocated', count: 96 },
      { departmentId: 3, departmentName: '浦东交警支队', plateKind: 'K', status: 'free', count: 50 },
      { departmentId: 4, departmentName: '黄浦交警支队', plateKind: 'P', status: 'retired', count: 2 },
    ]);
    expect(
      rows.map(({ departmentName, plateKind, free, cooling, allocated, retired }) => [departmentName, plateKind, free, cooling, allocated, retired]),
    ).toEqual([
      ['浦东交警支队', 'P', 900, 4, 96, 0],
      ['浦东交警支队', 'K', 50, 0, 0, 0],
      ['黄浦交警支队', 'P', 0, 0, 0, 2],
    ]);
  });
});
