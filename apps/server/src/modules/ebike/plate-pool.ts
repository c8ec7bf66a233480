import { isEbikePlate } from '@shtp/core/validators';
import type { DbOrTx } from '../../platform/db/client.ts';
import { badRequest, conflict } from '../../platform/http/errors.ts';
import { platesRepository as repo } from './plates.repository.ts';

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
      const row = await repo.lock(tx, a.chosen);
      if (!row || !a.departmentIds.includes(row.departmentId)) throw fieldError(field, `号码“${a.chosen}”不在本部门号牌库中`);
      if (row.plateKind !== a.plateKind) throw fieldError(field, `号码“${a.chosen}”属于其他号牌种类的号段`);
      if (row.status !== 'free' || !row.available) throw fieldError(field, `号码“${a.chosen}”已被占用或尚在回收冷却期，请另选`);
      await repo.allocate(tx, a.chosen, a.vehicleId);
      return a.chosen;
    }
    for (const departmentId of a.departmentIds) {
      const plate = await repo.allocateLowestFree(tx, departmentId, a.plateKind, a.vehicleId);
      if (plate) return plate;
    }
    throw conflict('PLATE_POOL_EMPTY', '本部门号牌库中没有可分配的号码，请联系管理员生成号段');
  }

  /**
   * Gives a number back. A returned physical plate (注销, 换领) is reusable after the cooling period; a
   * lost one (补领) is retired for good, so that a found old plate can never match a new vehicle.
   */
  async release(tx: DbOrTx, plate: string, how: 'recycle' | 'retire', coolingDays: number): Promise<void> {
    if (how === 'retire') await repo.retire(tx, plate);
    else await repo.recycle(tx, plate, coolingDays);
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
    return repo.addSeries(tx, { departmentId: b.departmentId, plateKind: b.plateKind, prefix: b.prefix, width, from: b.from, to: last });
  }
}
