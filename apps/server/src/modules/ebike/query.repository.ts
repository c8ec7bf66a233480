import { and, type Column, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { Coalescer } from '../../platform/db/coalescer.ts';
import { preparedPerDatabase, preparedSql } from '../../platform/db/prepared.ts';
import { type ScopeValues, scopeOf, scopeSql } from '../../platform/rbac/data-scope.repository.ts';
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

type ScopeKind = ReturnType<typeof scopeOf>['kind'];
/** An E9 result row, as the summary lookup gives it. */
type Summary = Awaited<ReturnType<Lookup<'summary'>['execute']>>[number];
type SummaryRow = Record<keyof typeof SUMMARY_COLUMNS | 'departmentName' | 'departmentPath', unknown> & { n: string | number };

/**
 * The E9 lookup by one key for many callers at once (`summariesByKey`): every key of the batch, each with its own
 * limit, in one statement — the same columns, join, data scope condition and order as `prepareLookup`'s summary.
 */
function prepareBatchLookup(name: KeyName, kind: ScopeKind) {
  // The scope's values this kind's condition reads: the callers of one batch must agree on them, and on nothing else.
  const scopeValues: (keyof ScopeValues)[] = [];
  const placeholders = new Proxy({} as ScopeValues, {
    get: (_, value: keyof ScopeValues) => {
      scopeValues.push(value);
      return sql.placeholder(value);
    },
  });
  const scope = scopeSql(kind, { department: nmVehicles.departmentId }, placeholders);
  const columns = sql.join(
    [
      ...Object.entries(SUMMARY_COLUMNS).map(([alias, column]) => sql`${column} as ${sql.identifier(alias)}`),
      sql`${departments.name} as "departmentName"`,
      sql`${departments.path} as "departmentPath"`,
    ],
    sql`, `,
  );
  const inScope: SQL = scope ? sql` and ${scope}` : sql``;
  const run = preparedSql<SummaryRow>(
    `ebike_lookup_batch_${name}_${kind}`,
    sql`select q.n, x.* from unnest(${sql.placeholder('keys')}::text[]) with ordinality as q(key, n)
        cross join lateral (
          select ${columns} from ${nmVehicles} inner join ${departments} on ${departments.id} = ${nmVehicles.departmentId}
          where ${KEY_COLUMNS[name]} = q.key${inScope}
          order by ${nmVehicles.id} limit ${sql.placeholder('limit')}) x
        order by q.n, x.id`,
  );
  return { run, scopeValues };
}
const batchLookups = new Map<string, ReturnType<typeof prepareBatchLookup>>();

/** A raw row's values as the ORM maps them (a bigint id to a number, a timestamp to a Date). */
function summaryOfRow(row: SummaryRow): Summary {
  const v = {} as Record<string, unknown>;
  for (const [alias, column] of Object.entries(SUMMARY_COLUMNS) as [string, Column][]) {
    const value = row[alias as keyof typeof SUMMARY_COLUMNS];
    v[alias] = value === null ? null : column.mapFromDriverValue(value);
  }
  return { v: v as Summary['v'], departmentName: row.departmentName as string, departmentPath: row.departmentPath as string };
}

/**
 * One coalescer per database, kind of key, data scope (its kind and the values its condition reads) and limit: callers
 * whose lookups differ only in the key's value share a statement (officers of one department at shift change); the
 * others never meet.
 */
const coalescersOf = preparedPerDatabase(() => new Map<string, Coalescer<string, Summary[]>>());

function summariesByKey(db: Db, name: KeyName, key: string, limit: number, scope: Principal) {
  const s = scopeOf(scope);
  const statementId = `${name}|${s.kind}`;
  let statement = batchLookups.get(statementId);
  if (!statement) {
    statement = prepareBatchLookup(name, s.kind);
    batchLookups.set(statementId, statement);
  }
  const { run, scopeValues } = statement;
  const id = [statementId, ...scopeValues.map((v) => s[v]), limit].join('|');
  const coalescers = coalescersOf(db);
  let coalescer = coalescers.get(id);
  if (!coalescer) {
    coalescer = new Coalescer<string, Summary[]>(
      async (keys) => {
        const rows = await run(db, { keys, limit, departmentId: s.departmentId, pathPrefix: s.pathPrefix, userId: s.userId });
        const found = keys.map((): Summary[] => []);
        for (const row of rows) found[Number(row.n) - 1]!.push(summaryOfRow(row));
        return found;
      },
      { maxWeight: BATCH_LIMIT },
    );
    coalescers.set(id, coalescer);
  }
  return coalescer.add(key);
}

/** Keys in one batched lookup: bounds the statement's array and the answer's size (each key ≤ its limit rows). */
const BATCH_LIMIT = 128;

/** All SQL of E9/E10 lookups. */
export const queryRepository = {
  /** Vehicles matching every given key (in `scope`'s data scope when given), with their department, at most `limit`. */
  byKeys(db: Db, keys: VehicleKeys, limit: number, scope?: Principal) {
    return lookUp(db, 'row', keys, limit, scope);
  },

  /**
   * `byKeys` with only what an E9 result line shows and the owner's name (encrypted). A lookup by one key in a data
   * scope — nearly every E9 — is batched with the others of its kind that arrive meanwhile (`summariesByKey`).
   */
  summariesByKeys(db: Db, keys: VehicleKeys, limit: number, scope?: Principal): Promise<Summary[]> {
    const names = (Object.keys(KEY_COLUMNS) as KeyName[]).filter((n) => keys[n]);
    if (scope && names.length === 1) return summariesByKey(db, names[0]!, keys[names[0]!]!, limit, scope);
    return lookUp(db, 'summary', keys, limit, scope);
  },
};
