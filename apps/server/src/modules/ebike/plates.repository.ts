import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments } from '../../platform/rbac/rbac.table.ts';
import { ebikePlateCounts } from './ebike.table.ts';

export interface PlateState {
  status: string;
  plateKind: string;
  departmentId: number;
  /** Past its cooling period (or never released). */
  available: boolean;
}

/** A series: `prefix` followed by the numbers `from`…`to`, zero-padded to `width` digits. */
export interface PlateSeries {
  departmentId: number;
  plateKind: string;
  prefix: string;
  width: number;
  from: number;
  to: number;
}

/** 号牌库存: one department's plates of one kind in one state. */
export type PlateStatsRow = { departmentId: number; departmentName: string; plateKind: string; status: string; count: number };

/** All SQL of the plate pool (ebike_plates). */
export const platesRepository = {
  /** Locks a plate until the transaction ends and reads its state. */
  async lock(tx: DbOrTx, plate: string): Promise<PlateState | undefined> {
    const [row] = await queryRows<{ status: string; plate_kind: string; department_id: number; available: boolean }>(
      tx,
      sql`select status, plate_kind, department_id, (available_from is null or available_from <= now()) as available
          from ebike_plates where plate = ${plate} for update`,
    );
    return row && { status: row.status, plateKind: row.plate_kind, departmentId: row.department_id, available: row.available };
  },

  async allocate(tx: DbOrTx, plate: string, vehicleId: number): Promise<void> {
    await tx.execute(sql`update ebike_plates set status = 'allocated', vehicle_id = ${vehicleId}, updated_at = now() where plate = ${plate}`);
  },

  /**
   * Allocates the lowest free number of a department and kind with FOR UPDATE SKIP LOCKED, so that parallel
   * registrations never receive the same number and never wait on each other.
   */
  async allocateLowestFree(tx: DbOrTx, departmentId: number, plateKind: string, vehicleId: number): Promise<string | undefined> {
    const [row] = await queryRows<{ plate: string }>(
      tx,
      sql`update ebike_plates set status = 'allocated', vehicle_id = ${vehicleId}, updated_at = now()
          where plate = (
            select plate from ebike_plates
            where department_id = ${departmentId} and plate_kind = ${plateKind} and status = 'free'
              and (available_from is null or available_from <= now())
            order by plate limit 1 for update skip locked)
          returning plate`,
    );
    return row?.plate;
  },

  async retire(tx: DbOrTx, plate: string): Promise<void> {
    await tx.execute(sql`update ebike_plates set status = 'retired', vehicle_id = null, updated_at = now() where plate = ${plate}`);
  },

  /** Frees a number, usable again after the cooling period. */
  async recycle(tx: DbOrTx, plate: string, coolingDays: number): Promise<void> {
    await tx.execute(sql`update ebike_plates set status = 'free', vehicle_id = null, updated_at = now(),
                           available_from = now() + make_interval(days => ${coolingDays}) where plate = ${plate}`);
  },

  /** Adds the free numbers of a series; numbers that exist are kept. Returns how many were added. */
  async addSeries(tx: DbOrTx, s: PlateSeries): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      tx,
      sql`with added as (
            insert into ebike_plates (plate, plate_kind, department_id)
            select ${s.prefix} || lpad(g::text, ${s.width}, '0'), ${s.plateKind}, ${s.departmentId}
            from generate_series(${s.from}::int, ${s.to}::int) g
            on conflict do nothing returning 1)
          select count(*)::int as n from added`,
    );
    return rows[0]?.n ?? 0;
  },

  /**
   * The pools of the departments in the principal's data scope, counted by state (a returned number cools first), from
   * the rollup the pool's triggers keep (N2/N3); the cooling numbers — free, available again later — are the few
   * returned lately (ebike_plates_cooling_idx), moved from free to cooling at read time.
   */
  stats(db: DbOrTx, principal: Principal) {
    const inScope = scopeCondition(principal, { department: departments.id }) ?? sql`true`;
    const t = ebikePlateCounts;
    return queryRows<PlateStatsRow>(
      db,
      sql`with cooling as (
            select department_id, plate_kind, count(*)::int as n from ebike_plates
             where status = 'free' and available_from > now() group by 1, 2),
          counts as (
            select r.department_id, r.plate_kind, r.status, r.plates - case when r.status = 'free' then coalesce(c.n, 0) else 0 end as n
              from ${t} r left join cooling c on c.department_id = r.department_id and c.plate_kind = r.plate_kind
            union all
            select department_id, plate_kind, 'cooling', n from cooling)
          select k.department_id as "departmentId", ${departments.name} as "departmentName", k.plate_kind as "plateKind", k.status, k.n as count
            from counts k join ${departments} on ${departments.id} = k.department_id
           where k.n > 0 and ${inScope}
           order by 1, 3, 4`,
    );
  },
  /** stats by a GROUP BY over the pool: the reference the rollup is tested and benchmarked against. */
  statsRaw(db: DbOrTx, principal: Principal) {
    const inScope = scopeCondition(principal, { department: departments.id }) ?? sql`true`;
    return queryRows<PlateStatsRow>(
      db,
      sql`select p.department_id as "departmentId", ${departments.name} as "departmentName", p.plate_kind as "plateKind",
                 case when p.status = 'free' and p.available_from > now() then 'cooling' else p.status end as status, count(*)::int as count
          from ebike_plates p join ${departments} on ${departments.id} = p.department_id
          where ${inScope}
          group by 1, 2, 3, 4 order by 1, 3, 4`,
    );
  },

  /** Every number of the pools in the principal's data scope, in keyset batches by number (never the whole pool at once). */
  async *stream(db: DbOrTx, principal: Principal, batchSize = 2000): AsyncGenerator<PlateExportRow> {
    const inScope = scopeCondition(principal, { department: departments.id }) ?? sql`true`;
    let after = '';
    for (;;) {
      const rows = await queryRows<PlateExportRow>(
        db,
        sql`select p.plate, p.plate_kind as "plateKind", ${departments.name} as "departmentName",
                   case when p.status = 'free' and p.available_from > now() then 'cooling' else p.status end as status,
                   p.available_from as "availableFrom"
            from ebike_plates p join ${departments} on ${departments.id} = p.department_id
            where ${inScope} and p.plate > ${after}
            order by p.plate limit ${batchSize}`,
      );
      yield* rows;
      if (rows.length < batchSize) return;
      after = rows.at(-1)!.plate;
    }
  },
};

export interface PlateExportRow {
  plate: string;
  plateKind: string;
  departmentName: string;
  status: string;
  availableFrom: Date | string | null;
}
