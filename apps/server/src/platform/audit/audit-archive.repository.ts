import { and, asc, gt, gte, lt, lte, min, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.ts';
import type { AuditRow } from './audit.repository.ts';
import { auditArchives, auditLog } from './audit.table.ts';

export type ArchiveRow = typeof auditArchives.$inferSelect;

const olderThan = (days: number) => sql`now() - make_interval(days => ${days})`;

/** All SQL of the audit retention: archive batches and their records (C2). */
export const auditArchiveRepository = {
  /**
   * One archiver at a time (two would write the same rows to two files). Not SELECT … FOR UPDATE: the application
   * role has no UPDATE on audit_log (N6).
   */
  async lock(tx: Tx): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(7241002)`);
  },

  /** The oldest rows past the retention period, in id order. */
  expired(tx: Tx, retentionDays: number, limit: number): Promise<AuditRow[]> {
    return tx
      .select()
      .from(auditLog)
      .where(lt(auditLog.ts, olderThan(retentionDays)))
      .orderBy(asc(auditLog.id))
      .limit(limit);
  },

  /** The first row within the retention period between these ids (ids and timestamps are not strictly in the same order). */
  async firstKeptBetween(tx: Tx, fromId: number, toId: number, retentionDays: number): Promise<number | null> {
    const [younger] = await tx
      .select({ id: min(auditLog.id) })
      .from(auditLog)
      .where(and(gt(auditLog.id, fromId), lte(auditLog.id, toId), gte(auditLog.ts, olderThan(retentionDays))));
    return younger?.id ?? null;
  },

  async insert(tx: Tx, archive: typeof auditArchives.$inferInsert): Promise<void> {
    await tx.insert(auditArchives).values(archive);
  },

  /** Through a function of the owner role: the application role has no DELETE on audit_log (N6). */
  async deleteArchivedRows(tx: Tx, fromId: number, toId: number): Promise<void> {
    await tx.execute(sql`select archive_audit_rows(${fromId}, ${toId})`);
  },

  all(db: DbOrTx): Promise<ArchiveRow[]> {
    return db.select().from(auditArchives).orderBy(asc(auditArchives.fromId));
  },
};
