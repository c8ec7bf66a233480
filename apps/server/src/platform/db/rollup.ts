import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.ts';

/**
 * A rollup table of a statistic (N2/N3): counters per key (a day, a department, the report's dimension), raised by the
 * write that changes the raw rows, in its transaction, so that the report reads the rollup and never scans the raw
 * table. The report's answer is the rollup's sum over the keys it asks for.
 */
export interface Rollup<T extends PgTable = PgTable> {
  table: T;
  /** The primary key's columns. */
  keys: AnyPgColumn[];
  /** The counters a change adds to (sums, never maxima: a delta may be negative). */
  counters: AnyPgColumn[];
}

export const defineRollup = <T extends PgTable>(table: T, keys: AnyPgColumn[], counters: AnyPgColumn[]): Rollup<T> => ({ table, keys, counters });

/**
 * Adds the rows of `source` (a `select` or `values` yielding the key columns then the counters, in the rollup's order,
 * at most one row per key) to the rollup: a new key is inserted, a known one has each counter raised by the row's.
 * `prefix` is a `with …` clause the source reads, so that the raw write and its rollup are one statement (a
 * data-modifying CTE: `with changed as (update … returning …)`). Call it with the transaction of the raw write.
 */
export async function addToRollup(db: DbOrTx, r: Rollup, source: SQL, prefix?: SQL): Promise<void> {
  const names = (cols: AnyPgColumn[]) =>
    sql.join(
      cols.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
  const raise = sql.join(
    r.counters.map((c) => sql`${sql.identifier(c.name)} = ${r.table}.${sql.identifier(c.name)} + excluded.${sql.identifier(c.name)}`),
    sql`, `,
  );
  await db.execute(
    sql`${prefix ?? sql``} insert into ${r.table} (${names([...r.keys, ...r.counters])}) ${source} on conflict (${names(r.keys)}) do update set ${raise}`,
  );
}

/** The Beijing day (a `date`) of a timestamptz expression: the rollups' day, the days `from`/`to` of the reports. */
export const beijingDay = (at: SQL | AnyPgColumn): SQL<string> => sql<string>`(${at} at time zone 'Asia/Shanghai')::date`;
