import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import { recordMacs } from './integrity.table.ts';

export type RecordKind = 'user' | 'role' | 'param';
/** Records are read and checked this many at a time. */
export const RECORD_BATCH = 1000;

/**
 * The canonical content of records of one kind, by ids or in key order after `after`. A user's MAC covers
 * its role grants and security clearance and a role's its permissions, so a grant inserted in the database is caught too.
 */
async function contents(db: DbOrTx, kind: RecordKind, filter: { ids: string[] } | { after: string | null }): Promise<{ id: string; content: string }[]> {
  const byIds = 'ids' in filter;
  const list = (values: (string | number)[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  if (kind === 'param') {
    if (byIds && filter.ids.length === 0) return [];
    const where = byIds ? sql`key in (${list(filter.ids)})` : filter.after === null ? sql`true` : sql`key > ${filter.after}`;
    const rows = await queryRows<{ id: string; content: string }>(
      db,
      sql`select key as id, json_build_array(key, value)::text as content from system_parameters where ${where} order by key limit ${RECORD_BATCH}`,
    );
    return rows;
  }
  const numeric = byIds ? filter.ids.map(Number).filter(Number.isInteger) : [];
  if (byIds && numeric.length === 0) return [];
  if (kind === 'user') {
    const where = byIds ? sql`u.id in (${list(numeric)})` : sql`u.id > ${Number(filter.after ?? 0)}`;
    return queryRows(
      db,
      sql`select u.id::text as id, json_build_array(u.id, u.username, u.department_id, u.status, u.password_hash, u.password_change_reason,
                 u.expires_at, u.deleted_at, array(select role_id from user_roles where user_id = u.id order by role_id))::text
                 -- a clearance above or below the default (AC-6) is covered too; default users keep the MAC they had
                 || case when u.clearance = 'internal' then '' else '|clearance:' || u.clearance end as content
          from users u where ${where} order by u.id limit ${RECORD_BATCH}`,
    );
  }
  const where = byIds ? sql`r.id in (${list(numeric)})` : sql`r.id > ${Number(filter.after ?? 0)}`;
  return queryRows(
    db,
    sql`select r.id::text as id, json_build_array(r.id, r.code, r.data_scope, r.admin_kind,
               array(select permission from role_permissions where role_id = r.id order by permission))::text as content
        from roles r where ${where} order by r.id limit ${RECORD_BATCH}`,
  );
}

/** All SQL of the access-control records' MACs (C2). */
export const integrityRepository = {
  contents,

  async putMac(db: DbOrTx, kind: RecordKind, recordId: string, mac: string): Promise<void> {
    await db
      .insert(recordMacs)
      .values({ kind, recordId, mac })
      .onConflictDoUpdate({ target: [recordMacs.kind, recordMacs.recordId], set: { mac, updatedAt: sql`now()` } });
  },

  async deleteMacs(db: DbOrTx, kind: RecordKind, recordIds: string[]): Promise<void> {
    await db.delete(recordMacs).where(and(eq(recordMacs.kind, kind), inArray(recordMacs.recordId, recordIds)));
  },

  async macsOf(db: DbOrTx, kind: RecordKind, recordIds: string[]): Promise<{ recordId: string; mac: string }[]> {
    if (recordIds.length === 0) return [];
    return db
      .select({ recordId: recordMacs.recordId, mac: recordMacs.mac })
      .from(recordMacs)
      .where(and(eq(recordMacs.kind, kind), inArray(recordMacs.recordId, recordIds)));
  },

  /** The ids of the stored MACs of a kind after `after`, in order. */
  async macIdsAfter(db: DbOrTx, kind: RecordKind, after: string, limit: number): Promise<string[]> {
    const rows = await db
      .select({ id: recordMacs.recordId })
      .from(recordMacs)
      .where(and(eq(recordMacs.kind, kind), gt(recordMacs.recordId, after)))
      .orderBy(recordMacs.recordId)
      .limit(limit);
    return rows.map((r) => r.id);
  },
};
