import { and, count, desc, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';

/** An enforcement record table: written by an officer of a department, at a time. */
export type OfficerTable = PgTable & { id: AnyPgColumn; departmentId: AnyPgColumn; officerId: AnyPgColumn; createdAt: AnyPgColumn };

export interface PageFilter {
  page: number;
  pageSize: number;
  from?: string | undefined;
  to?: string | undefined;
}

/** Shanghai calendar days `from`..`to` (inclusive) on a timestamp column. */
export function dayRange(column: AnyPgColumn, from: string | undefined, to: string | undefined): SQL[] {
  const where: SQL[] = [];
  if (from) where.push(gte(column, new Date(`${from}T00:00:00+08:00`)));
  if (to) where.push(lt(column, sql`${`${to}T00:00:00+08:00`}::timestamptz + interval '1 day'`));
  return where;
}

/** One page of a record table within the reader's data scope (AC-5), newest first. */
export async function scopedPage<Row>(db: DbOrTx, table: OfficerTable, principal: Principal, q: PageFilter): Promise<{ rows: Row[]; total: number }> {
  const where = and(scopeCondition(principal, { department: table.departmentId, owner: table.officerId }), ...dayRange(table.createdAt, q.from, q.to));
  const rows = (await db
    .select()
    .from(table)
    .where(where)
    .orderBy(desc(table.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)) as Row[];
  const [total] = await db.select({ n: count() }).from(table).where(where);
  return { rows, total: total?.n ?? 0 };
}

/**
 * Rows of `table` under `where`, newest first by (at, id), in batches, each read on from the last row of the one before
 * (an Excel export streams them; rows written meanwhile neither repeat nor shift the batches).
 */
export async function* keysetBatches<Row>(
  db: DbOrTx,
  table: PgTable,
  where: SQL | undefined,
  key: { at: AnyPgColumn; id: AnyPgColumn; of: (row: Row) => { at: Date; id: string | number } },
  batchSize = 500,
): AsyncGenerator<Row[]> {
  let last: Row | undefined;
  for (;;) {
    const k = last && key.of(last);
    const after = k ? sql`(${key.at}, ${key.id}) < (${k.at.toISOString()}::timestamptz, ${k.id})` : undefined;
    const rows = (await db.select().from(table).where(and(where, after)).orderBy(desc(key.at), desc(key.id)).limit(batchSize)) as Row[];
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    last = rows.at(-1);
  }
}

/** The rows of `scopedPage` (scope, days, newest first) in keyset batches. */
export function scopedBatches<Row extends { id: string; createdAt: Date }>(
  db: DbOrTx,
  table: OfficerTable,
  principal: Principal,
  q: Omit<PageFilter, 'page' | 'pageSize'>,
  batchSize = 500,
): AsyncGenerator<Row[]> {
  const where = and(scopeCondition(principal, { department: table.departmentId, owner: table.officerId }), ...dayRange(table.createdAt, q.from, q.to));
  return keysetBatches<Row>(db, table, where, { at: table.createdAt, id: table.id, of: (r) => ({ at: r.createdAt, id: r.id }) }, batchSize);
}

/** Each row of `batches` as `view` shows it, in order (an Excel export's rows, read as the workbook is written). */
export async function* viewedRows<Row, View>(batches: AsyncIterable<Row[]>, view: (row: Row) => Promise<View>): AsyncGenerator<View> {
  for await (const batch of batches) for (const row of batch) yield await view(row);
}
