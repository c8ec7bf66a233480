import { PLATE_STATUS, type PlateStatus } from '@shtp/core/ebike';
import type { PlatePoolStat } from '../../api/ebike-queries';

export { PLATE_STATUS };

export type PoolRow = { key: string; departmentId: number; departmentName: string; plateKind: string } & Record<PlateStatus, number>;

/** One row per department and 号牌种类, one column per status (the server answers one row per combination). */
export function pivotPoolStats(stats: readonly PlatePoolStat[]): PoolRow[] {
  const rows = new Map<string, PoolRow>();
  for (const s of stats) {
    const key = `${s.departmentId}:${s.plateKind}`;
    const row = rows.get(key) ?? {
      key,
      departmentId: s.departmentId,
      departmentName: s.departmentName,
      plateKind: s.plateKind,
      free: 0,
      cooling: 0,
      allocated: 0,
      retired: 0,
    };
    if (s.status in PLATE_STATUS) row[s.status as PlateStatus] += s.count;
    rows.set(key, row);
  }
  return [...rows.values()];
}
