import { isEbikePlate } from '@shtp/core/validators';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { badRequest, conflict } from '../../platform/http/errors.ts';

export const fieldError = (field: string, message: string) => badRequest('VALIDATION_FAILED', message, [{ field, message }]);

/**
 * The pool of plate numbers. Allocation takes the lowest free number of the operator's department (or the
 * nearest parent department that has a pool) with FOR UPDATE SKIP LOCKED, so parallel registrations never
 * receive the same number and never wait on each other.
 */
export class PlatePool {
  /** `departmentIds`: the operator's department and its parents, deepest first. */
  async allocate(
    tx: DbOrTx,
    a: { departmentIds: number[]; plateKind: string; chosen?: string | undefined; vehicleId: number; patterns: readonly string[]; field?: string },
  ): Promise<string> {
    const field = a.field ?? 'plateNumber';
    if (a.chosen) {
      if (!isEbikePlate(a.chosen, a.patterns)) throw fieldError(field, `号牌号码“${a.chosen}”不符合电动自行车号牌格式`);
      const [row] = await queryRows<{ status: string; plate_kind: string; department_id: number; available: boolean }>(
        tx,
        sql`select status, plate_kind, department_id, (available_from is null or available_from <= now()) as available
            from ebike_plates where plate = ${a.chosen} for update`,
      );
      if (!row || !a.departmentIds.includes(row.department_id)) throw fieldError(field, `号码“${a.chosen}”不在本部门号牌库中`);
      if (row.plate_kind !== a.plateKind) throw fieldError(field, `号码“${a.chosen}”属于其他号牌种类的号段`);
      if (row.status !== 'free' || !row.available) throw fieldError(field, `号码“${a.chosen}”已被占用或尚在回收冷却期，请另选`);
      await tx.execute(sql`update ebike_plates set status = 'allocated', vehicle_id = ${a.vehicleId}, updated_at = now() where plate = ${a.chosen}`);
      return a.chosen;
    }
    for (const departmentId of a.departmentIds) {
      const [row] = await queryRows<{ plate: string }>(
        tx,
        sql`update ebike_plates set status = 'allocated', vehicle_id = ${a.vehicleId}, updated_at = now()
            where plate = (
              select plate from ebike_plates
              where department_id = ${departmentId} and plate_kind = ${a.plateKind} and status = 'free'
                and (available_from is null or available_from <= now())
              order by plate limit 1 for update skip locked)
            returning plate`,
      );
      if (row) return row.plate;
    }
    throw conflict('PLATE_POOL_EMPTY', '本部门号牌库中没有可分配的号码，请联系管理员生成号段');
  }

  /**
   * Gives a number back. A returned physical plate (注销, 换领) is reusable after the cooling period; a
   * lost one (补领) is retired for good, so that a found old plate can never match a new vehicle.
   */
  async release(tx: DbOrTx, plate: string, how: 'recycle' | 'retire', coolingDays: number): Promise<void> {
    await tx.execute(
      how === 'retire'
        ? sql`update ebike_plates set status = 'retired', vehicle_id = null, updated_at = now() where plate = ${plate}`
        : sql`update ebike_plates set status = 'free', vehicle_id = null, updated_at = now(),
                available_from = now() + make_interval(days => ${coolingDays}) where plate = ${plate}`,
    );
  }

  /** Generates a series prefix + zero-padded numbers; existing numbers are kept. Returns how many were added. */
  async generate(tx: DbOrTx, b: { departmentId: number; plateKind: string; prefix: string; from: number; count: number; patterns: readonly string[] }) {
    const width = 8 - Array.from(b.prefix).length;
    const last = b.from + b.count - 1;
    if (String(last).length > width) throw fieldError('count', `号段前缀“${b.prefix}”后只有 ${width} 位，最大号码为 ${'9'.repeat(width)}`);
    for (const n of [b.from, last]) {
      const plate = b.prefix + String(n).padStart(width, '0');
      if (!isEbikePlate(plate, b.patterns)) throw fieldError('prefix', `生成的号码“${plate}”不符合电动自行车号牌格式，请检查号段前缀`);
    }
    const rows = await queryRows<{ n: number }>(
      tx,
      sql`with added as (
            insert into ebike_plates (plate, plate_kind, department_id)
            select ${b.prefix} || lpad(g::text, ${width}, '0'), ${b.plateKind}, ${b.departmentId}
            from generate_series(${b.from}::int, ${last}::int) g
            on conflict do nothing returning 1)
          select count(*)::int as n from added`,
    );
    return rows[0]?.n ?? 0;
  }
}
