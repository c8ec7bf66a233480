import { and, count, eq, getTableColumns, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, inTransaction, queryRows } from '../../../platform/db/client.ts';
import { addToRollup } from '../../../platform/db/rollup.ts';
import { scopeCondition, scopeOf } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { enfDecisionSeq, enfFinePayments, enfViolations } from '../enforcement.table.ts';
import { dayRange, type PageFilter, scopedBatches, scopedPage } from '../scoped-page.repository.ts';
import { OCR_DAYS, ocrAccuracyFromRollup, ocrDaysOf } from './ocr-days.repository.ts';

export type ViolationRow = typeof enfViolations.$inferSelect;
export type NewViolation = typeof enfViolations.$inferInsert;
export type FinePaymentRow = typeof enfFinePayments.$inferSelect;
export type NewFinePayment = Omit<typeof enfFinePayments.$inferInsert, 'receivedAt' | 'refundedFen' | 'refundedAt'>;

/** Start of the Shanghai calendar day of `at` (tickets are counted per officer per local day). */
const shanghaiDayStart = (at: Date) => sql`date_trunc('day', ${at.toISOString()}::timestamptz at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'`;

export const violationsRepository = {
  byId: async (db: DbOrTx, id: string) => (await db.select().from(enfViolations).where(eq(enfViolations.id, id)))[0],

  byIdInScope: async (db: DbOrTx, principal: Principal, id: string) =>
    (
      await db
        .select()
        .from(enfViolations)
        .where(and(eq(enfViolations.id, id), scopeCondition(principal, { department: enfViolations.departmentId, owner: enfViolations.officerId })))
    )[0],

  /**
   * P1: per recognised field of the tickets in the reader's scope and days, how many were read and how many corrected
   * — from the rollup (N2/N3); an officer of scope 'self' from his own tickets (enf_violations_officer_created_idx).
   */
  ocrAccuracy(db: DbOrTx, principal: Principal, q: { from?: string | undefined; to?: string | undefined }) {
    return scopeOf(principal).kind === 'self' ? violationsRepository.ocrAccuracyRaw(db, principal, q) : ocrAccuracyFromRollup(db, principal, q);
  },
  /** ocrAccuracy by a GROUP BY over the raw tickets: the reference the rollup is tested and benchmarked against. */
  ocrAccuracyRaw(db: DbOrTx, principal: Principal, q: { from?: string | undefined; to?: string | undefined }) {
    const where = and(
      scopeCondition(principal, { department: enfViolations.departmentId, owner: enfViolations.officerId }),
      ...dayRange(enfViolations.createdAt, q.from, q.to),
    );
    return queryRows<{ field: string; recognised: number; corrected: number; meanConfidence: number }>(
      db,
      sql`select f->>'field' as field, count(*)::int as recognised,
                 count(*) filter (where (f->>'corrected')::boolean)::int as corrected,
                 avg((f->>'confidence')::float8)::float8 as "meanConfidence"
            from ${enfViolations} cross join lateral jsonb_array_elements(${enfViolations.ocr}) as f
           where ${where ?? sql`true`}
           group by 1 order by 1`,
    );
  },

  /**
   * Inserts unless the ID exists, with the ticket's P1 rollup (same transaction); undefined when it did (a retry or a
   * conflict: the caller compares digests).
   */
  insert: (db: DbOrTx, row: Omit<NewViolation, 'decisionNo'>): Promise<ViolationRow | undefined> =>
    inTransaction(db, async (tx) => {
      const decisionNo = sql`'3100' || to_char(now() at time zone 'Asia/Shanghai', 'YYYY') || lpad(nextval(${enfDecisionSeq.seqName})::text, 8, '0')`;
      const [inserted] = await tx
        .insert(enfViolations)
        .values({ ...row, decisionNo })
        .onConflictDoNothing({ target: enfViolations.id })
        .returning();
      if (inserted && Array.isArray(inserted.ocr) && inserted.ocr.length > 0) await addToRollup(tx, OCR_DAYS, ocrDaysOf(eq(enfViolations.id, inserted.id)));
      return inserted;
    }),

  /** Serializes one officer's tickets for the rest of the transaction, so that the daily cap holds under concurrency. */
  lockOfficer: (db: DbOrTx, officerId: number) => db.execute(sql`select pg_advisory_xact_lock(hashtext('enforcement.daily-cap'), ${officerId})`),

  async countToday(db: DbOrTx, officerId: number, now: Date): Promise<number> {
    const [r] = await db
      .select({ n: count() })
      .from(enfViolations)
      .where(and(eq(enfViolations.officerId, officerId), gte(enfViolations.createdAt, shanghaiDayStart(now))));
    return r?.n ?? 0;
  },

  /** Records of the same code for the same person (blind index) or vehicle in [from, before), except `exceptId`. */
  async priorSameCode(
    db: DbOrTx,
    q: { partyIdIdx: string; plate: string | undefined; code: string; from: Date; before: Date; exceptId?: string },
  ): Promise<number> {
    const who: SQL | undefined = q.plate
      ? or(eq(enfViolations.partyIdIdx, q.partyIdIdx), eq(enfViolations.plate, q.plate))
      : eq(enfViolations.partyIdIdx, q.partyIdIdx);
    const [r] = await db
      .select({ n: count() })
      .from(enfViolations)
      .where(
        and(
          who,
          eq(enfViolations.code, q.code),
          gte(enfViolations.occurredAt, q.from),
          lt(enfViolations.occurredAt, q.before),
          q.exceptId ? ne(enfViolations.id, q.exceptId) : undefined,
        ),
      );
    return r?.n ?? 0;
  },

  list: (db: DbOrTx, principal: Principal, q: PageFilter) => scopedPage<ViolationRow>(db, enfViolations, principal, q),

  /** The list's rows in batches (the Excel export streams them). */
  stream: (db: DbOrTx, principal: Principal, q: Omit<PageFilter, 'page' | 'pageSize'>, batchSize = 500) =>
    scopedBatches<ViolationRow>(db, enfViolations, principal, q, batchSize),

  /** 罚款 decisions written after a watermark (created_at as text, id), oldest first, up to `before` (still committing stays for later). */
  async decisionsAfter(db: DbOrTx, after: { at: string; id: string } | null, before: Date, limit: number): Promise<(ViolationRow & { writtenAt: string })[]> {
    const since = after ? sql`(${enfViolations.createdAt}, ${enfViolations.id}) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql`true`;
    return (
      db
        // PostgreSQL's text of the time keeps its microseconds (a JS Date would cut them and read the last row again).
        .select({ ...getTableColumns(enfViolations), writtenAt: sql<string>`${enfViolations.createdAt}::text` })
        .from(enfViolations)
        .where(and(since, sql`${enfViolations.createdAt} < ${before.toISOString()}::timestamptz`, eq(enfViolations.kind, 'decision')))
        .orderBy(enfViolations.createdAt, enfViolations.id)
        .limit(limit)
    );
  },

  /** Decisions and warnings of these plates (as written) that occurred in [from, until), oldest first (the plate index). */
  async ofPlates(db: DbOrTx, plates: readonly string[], from: Date, until: Date, limit: number) {
    if (plates.length === 0) return [];
    return db
      .select({
        decisionNo: enfViolations.decisionNo,
        kind: enfViolations.kind,
        code: enfViolations.code,
        codeVersion: enfViolations.codeVersion,
        plate: sql<string>`${enfViolations.plate}`,
        place: enfViolations.place,
        occurredAt: enfViolations.occurredAt,
      })
      .from(enfViolations)
      .where(and(inArray(enfViolations.plate, [...plates]), gte(enfViolations.occurredAt, from), lt(enfViolations.occurredAt, until)))
      .orderBy(enfViolations.occurredAt, enfViolations.decisionNo)
      .limit(limit);
  },

  /** Records payments once per decision (a payment that crosses again changes nothing); returns the decisions new here. */
  async insertPayments(db: DbOrTx, rows: readonly NewFinePayment[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await db
      .insert(enfFinePayments)
      .values([...rows])
      .onConflictDoNothing({ target: enfFinePayments.decisionNo })
      .returning({ decisionNo: enfFinePayments.decisionNo });
    return inserted.map((r) => r.decisionNo);
  },

  /** Raises a payment's refunded total (never lowers it: a refund applied twice or late changes nothing); true when it moved. */
  async raiseRefund(db: DbOrTx, decisionNo: string, refundedFen: number, refundedAt: Date): Promise<boolean> {
    const rows = await db
      .update(enfFinePayments)
      .set({ refundedFen, refundedAt })
      .where(and(eq(enfFinePayments.decisionNo, decisionNo), lt(enfFinePayments.refundedFen, refundedFen)))
      .returning({ decisionNo: enfFinePayments.decisionNo });
    return rows.length > 0;
  },

  /** Which of these decision numbers this zone has written. */
  async knownDecisions(db: DbOrTx, decisionNos: readonly string[]): Promise<Set<string>> {
    if (decisionNos.length === 0) return new Set();
    const rows = await db
      .select({ decisionNo: enfViolations.decisionNo })
      .from(enfViolations)
      .where(inArray(enfViolations.decisionNo, [...decisionNos]));
    return new Set(rows.map((r) => r.decisionNo));
  },

  async paymentsOf(db: DbOrTx, decisionNos: readonly string[]): Promise<Map<string, FinePaymentRow>> {
    if (decisionNos.length === 0) return new Map();
    const rows = await db
      .select()
      .from(enfFinePayments)
      .where(inArray(enfFinePayments.decisionNo, [...decisionNos]));
    return new Map(rows.map((r) => [r.decisionNo, r]));
  },
};
