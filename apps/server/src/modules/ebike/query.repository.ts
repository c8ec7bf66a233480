import { and, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments } from '../../platform/rbac/rbac.table.ts';
import { nmVehicles } from './ebike.table.ts';

/** Exact lookup keys, each indexed: the owner's ID number and phone as their blind indexes. */
export interface VehicleKeys {
  plate?: string | undefined;
  zcbm?: string | undefined;
  motorNo?: string | undefined;
  ownerIdIdx?: string | undefined;
  ownerPhoneIdx?: string | undefined;
}

/** All SQL of E9/E10 lookups. */
export const queryRepository = {
  /** Vehicles matching every given key (in `scope`'s data scope when given), with their department, at most `limit`. */
  byKeys(db: DbOrTx, keys: VehicleKeys, limit: number, scope?: Principal) {
    const c: SQL[] = [];
    if (keys.plate) c.push(eq(nmVehicles.plate, keys.plate));
    if (keys.zcbm) c.push(eq(nmVehicles.zcbm, keys.zcbm));
    if (keys.motorNo) c.push(eq(nmVehicles.motorNo, keys.motorNo));
    if (keys.ownerIdIdx) c.push(eq(nmVehicles.ownerIdIdx, keys.ownerIdIdx));
    if (keys.ownerPhoneIdx) c.push(eq(nmVehicles.ownerPhoneIdx, keys.ownerPhoneIdx));
    return db
      .select({ v: nmVehicles, departmentName: departments.name, departmentPath: departments.path })
      .from(nmVehicles)
      .innerJoin(departments, eq(departments.id, nmVehicles.departmentId))
      .where(and(...c, scope && scopeCondition(scope, { department: nmVehicles.departmentId })))
      .orderBy(nmVehicles.id)
      .limit(limit);
  },
};
