import { and, count, desc, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';

/** An enforcement record table: written by an officer of a department, at a time. */
export type OfficerTable = PgTable & { departmentId: AnyPgColumn; officerId: AnyPgColumn; createdAt: AnyPgColumn };

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
