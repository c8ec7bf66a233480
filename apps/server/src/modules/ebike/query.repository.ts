import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { preparedPerDatabase } from '../../platform/db/prepared.ts';
import { scopeOf, scopeSql } from '../../platform/rbac/data-scope.repository.ts';
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

const KEY_COLUMNS = {
  plate: nmVehicles.plate,
  zcbm: nmVehicles.zcbm,
  motorNo: nmVehicles.motorNo,
  ownerIdIdx: nmVehicles.ownerIdIdx,
  ownerPhoneIdx: nmVehicles.ownerPhoneIdx,
} as const;
type KeyName = keyof typeof KEY_COLUMNS;

/**
 * The lookup for one combination of keys and one kind of data scope, built once per database and prepared (a named
 * statement on PostgreSQL): E9/E10 run it on every request, and building it was a large share of their CPU (N1).
 */
function prepareLookup(db: Db, names: KeyName[], scopeKind: ReturnType<typeof scopeOf>['kind'] | 'none') {
  const scope =
    scopeKind === 'none'
      ? undefined
      : scopeSql(
          scopeKind,
          { department: nmVehicles.departmentId },
          {
            departmentId: sql.placeholder('departmentId'),
            pathPrefix: sql.placeholder('pathPrefix'),
            userId: sql.placeholder('userId'),
          },
        );
  return db
    .select({ v: nmVehicles, departmentName: departments.name, departmentPath: departments.path })
    .from(nmVehicles)
    .innerJoin(departments, eq(departments.id, nmVehicles.departmentId))
    .where(and(...names.map((n) => eq(KEY_COLUMNS[n], sql.placeholder(n))), scope))
    .orderBy(nmVehicles.id)
    .limit(sql.placeholder('limit'))
    .prepare(`ebike_lookup_${names.join('_')}_${scopeKind}`);
}
const lookupsOf = preparedPerDatabase(() => new Map<string, ReturnType<typeof prepareLookup>>());

/** All SQL of E9/E10 lookups. */
export const queryRepository = {
  /** Vehicles matching every given key (in `scope`'s data scope when given), with their department, at most `limit`. */
  byKeys(db: Db, keys: VehicleKeys, limit: number, scope?: Principal) {
    const names = (Object.keys(KEY_COLUMNS) as KeyName[]).filter((n) => keys[n]);
    const s = scope ? scopeOf(scope) : undefined;
    const kind = s?.kind ?? 'none';
    const id = `${names.join(',')}|${kind}`;
    const forDb = lookupsOf(db);
    let lookup = forDb.get(id);
    if (!lookup) {
      lookup = prepareLookup(db, names, kind);
      forDb.set(id, lookup);
    }
    return lookup.execute({ ...keys, limit, departmentId: s?.departmentId, pathPrefix: s?.pathPrefix, userId: s?.userId });
  },
};
