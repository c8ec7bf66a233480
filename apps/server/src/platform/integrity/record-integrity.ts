import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { systemActor } from '../audit/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Finding } from '../audit/audit-integrity.ts';
import { macOf, verifyMac } from '../audit/audit-mac.ts';
import { type Db, type DbOrTx, queryRows } from '../db/client.ts';
import type { KeySpec, KeyStore } from '../keys/keystore.ts';
import { recordMacs } from './integrity.table.ts';

export const RECORD_MAC_KEY: KeySpec = { purpose: 'acl-mac', algorithm: 'HMAC-SM3', label: '访问控制数据完整性密钥（HMAC-SM3）', rotatable: true };

export type RecordKind = 'user' | 'role' | 'param';
const LABELS: Record<RecordKind, string> = { user: '用户', role: '角色', param: '系统参数' };
const BATCH = 1000;
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
      sql`select key as id, json_build_array(key, value)::text as content from system_parameters where ${where} order by key limit ${BATCH}`,
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
          from users u where ${where} order by u.id limit ${BATCH}`,
    );
  }
  const where = byIds ? sql`r.id in (${list(numeric)})` : sql`r.id > ${Number(filter.after ?? 0)}`;
  return queryRows(
    db,
    sql`select r.id::text as id, json_build_array(r.id, r.code, r.data_scope, r.admin_kind,
               array(select permission from role_permissions where role_id = r.id order by permission))::text as content
        from roles r where ${where} order by r.id limit ${BATCH}`,
  );
}

/** MACs of access-control records (C2), refreshed by the application in each change's transaction. */
export class RecordIntegrity {
  constructor(private readonly keys: KeyStore) {}

  /** Recomputes the MACs of these records (removing those of records that no longer exist). */
  async refresh(db: DbOrTx, kind: RecordKind, ids: (string | number)[]): Promise<void> {
    if (ids.length === 0) return;
    const wanted = [...new Set(ids.map(String))];
    const key = this.keys.current(RECORD_MAC_KEY.purpose);
    const rows = await contents(db, kind, { ids: wanted });
    for (const r of rows) {
      const mac = macOf(key.version, key.material, `${kind}|${r.content}`);
      await db
        .insert(recordMacs)
        .values({ kind, recordId: r.id, mac })
        .onConflictDoUpdate({ target: [recordMacs.kind, recordMacs.recordId], set: { mac, updatedAt: sql`now()` } });
    }
    const gone = wanted.filter((id) => !rows.some((r) => r.id === id));
    if (gone.length) await db.delete(recordMacs).where(and(eq(recordMacs.kind, kind), inArray(recordMacs.recordId, gone)));
  }

  /** MACs for every record of a kind, walking in batches (first start, demo seed). */
  async refreshAll(db: DbOrTx, kind: RecordKind): Promise<void> {
    for (let after: string | null = null; ; ) {
      const rows = await contents(db, kind, { after });
      await this.refresh(
        db,
        kind,
        rows.map((r) => r.id),
      );
      if (rows.length < BATCH) return;
      after = rows.at(-1)!.id;
    }
  }

  /**
   * On the first start of a database (trust on first use), MACs for every record. Recorded in the audit log
   * so that a later wipe of the MAC table is reported by `verify`, never silently re-baselined.
   */
  async ensureBaseline(db: Db): Promise<void> {
    const done = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where action = 'integrity.baseline'`);
    if ((done[0]?.n ?? 0) > 0) return;
    await db.transaction(async (tx) => {
      for (const kind of ['user', 'role', 'param'] as const) await this.refreshAll(tx, kind);
      await audit(tx, systemActor('integrity baseline at first start'), { action: 'integrity.baseline', targetType: 'integrity' });
    });
  }

  async verify(db: DbOrTx): Promise<{ checked: number; findings: Finding[] }> {
    const findings: Finding[] = [];
    let checked = 0;
    for (const kind of ['user', 'role', 'param'] as const) {
      const seen = new Set<string>();
      for (let after: string | null = null; ; ) {
        const rows = await contents(db, kind, { after });
        const stored = rows.length
          ? await db
              .select()
              .from(recordMacs)
              .where(
                and(
                  eq(recordMacs.kind, kind),
                  inArray(
                    recordMacs.recordId,
                    rows.map((r) => r.id),
                  ),
                ),
              )
          : [];
        for (const r of rows) {
          checked++;
          seen.add(r.id);
          const mac = stored.find((s) => s.recordId === r.id)?.mac ?? null;
          if (!(await verifyMac(this.keys, RECORD_MAC_KEY.purpose, mac, `${kind}|${r.content}`))) {
            findings.push({
              target: kind,
              id: r.id,
              kind: 'modified',
              message: `${LABELS[kind]} ${r.id} 的内容（或其授权）与校验值不符：在系统之外被修改或新增`,
            });
          }
        }
        if (rows.length < BATCH) break;
        after = rows.at(-1)!.id;
      }
      for (let after = ''; ; ) {
        const macs = await db
          .select({ id: recordMacs.recordId })
          .from(recordMacs)
          .where(and(eq(recordMacs.kind, kind), gt(recordMacs.recordId, after)))
          .orderBy(recordMacs.recordId)
          .limit(BATCH);
        for (const m of macs) {
          if (!seen.has(m.id)) findings.push({ target: kind, id: m.id, kind: 'deleted', message: `${LABELS[kind]} ${m.id} 已在系统之外被删除` });
        }
        if (macs.length < BATCH) break;
        after = macs.at(-1)!.id;
      }
    }
    return { checked, findings };
  }
}
