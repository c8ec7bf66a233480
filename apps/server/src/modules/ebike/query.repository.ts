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
 * What an E9 result line shows (`summaryOf`) and the owner's name to open: a third of the row, so the driver and the
 * ORM map less per row and only one field is decrypted (N1). E10 and the vehicle page read the whole row.
 */
const SUMMARY_COLUMNS = {
  id: nmVehicles.id,
  vehicleType: nmVehicles.vehicleType,
  plate: nmVehicles.plate,
  plateKind: nmVehicles.plateKind,
  zcbm: nmVehicles.zcbm,
  brand: nmVehicles.brand,
  model: nmVehicles.model,
  stolen: nmVehicles.stolen,
  locked: nmVehicles.locked,
  cancelled: nmVehicles.cancelled,
  registeredAt: nmVehicles.registeredAt,
  securityLabel: nmVehicles.securityLabel,
  ownerType: nmVehicles.ownerType,
  ownerNameEnc: nmVehicles.ownerNameEnc,
};
type Shape = 'row' | 'summary';

/**
 * The lookup for one combination of keys and one kind of data scope, built once per database and prepared (a named
 * statement on PostgreSQL): E9/E10 run it on every request, and building it was a large share of their CPU (N1).
 */
function prepareLookup<S extends Shape>(db: Db, shape: S, names: KeyName[], scopeKind: ReturnType<typeof scopeOf>['kind'] | 'none') {
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
    .select({
      v: (shape === 'row' ? nmVehicles : SUMMARY_COLUMNS) as S extends 'row' ? typeof nmVehicles : typeof SUMMARY_COLUMNS,
      departmentName: departments.name,
      departmentPath: departments.path,
    })
    .from(nmVehicles)
    .innerJoin(departments, eq(departments.id, nmVehicles.departmentId))
    .where(and(...names.map((n) => eq(KEY_COLUMNS[n], sql.placeholder(n))), scope))
    .orderBy(nmVehicles.id)
    .limit(sql.placeholder('limit'))
    .prepare(`ebike_lookup_${shape}_${names.join('_')}_${scopeKind}`);
}
type Lookup<S extends Shape> = ReturnType<typeof prepareLookup<S>>;
const lookupsOf = preparedPerDatabase(() => ({ row: new Map<string, Lookup<'row'>>(), summary: new Map<string, Lookup<'summary'>>() }));

function lookUp<S extends Shape>(db: Db, shape: S, keys: VehicleKeys, limit: number, scope: Principal | undefined) {
  const names = (Object.keys(KEY_COLUMNS) as KeyName[]).filter((n) => keys[n]);
  const s = scope ? scopeOf(scope) : undefined;
  const kind = s?.kind ?? 'none';
  const id = `${names.join(',')}|${kind}`;
  const forShape = lookupsOf(db)[shape] as Map<string, Lookup<S>>;
  let lookup = forShape.get(id);
  if (!lookup) {
    lookup = prepareLookup(db, shape, names, kind);
    forShape.set(id, lookup);
  }
  return lookup.execute({ ...keys, limit, departmentId: s?.departmentId, pathPrefix: s?.pathPrefix, userId: s?.userId });
}

/** All SQL of E9/E10 lookups. */
export const queryRepository = {
  /** Vehicles matching every given key (in `scope`'s data scope when given), with their department, at most `limit`. */
  byKeys(db: Db, keys: VehicleKeys, limit: number, scope?: Principal) {
    return lookUp(db, 'row', keys, limit, scope);
  },

  /** `byKeys` with only what an E9 result line shows and the owner's name (encrypted). */
  summariesByKeys(db: Db, keys: VehicleKeys, limit: number, scope?: Principal) {
    return lookUp(db, 'summary', keys, limit, scope);
  },
};
