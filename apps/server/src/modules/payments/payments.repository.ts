import { and, count, desc, eq, gte, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { preparedSql } from '../../platform/db/prepared.ts';
import type { ReadAlongside } from '../../platform/service-accounts/token-bucket.ts';
import { type IdentityChange, identityChanges } from './citizen-identity.policy.ts';
import {
  citizenAccounts,
  citizenIdentities,
  citizenIdentityHistory,
  finePaymentRefunds,
  finePayments,
  paymentQueryLocks,
  paymentReconciliations,
} from './payments.table.ts';
import type { QueryLock } from './query-lock.policy.ts';
import type { Mismatch } from './reconcile.policy.ts';

export type PaymentRow = typeof finePayments.$inferSelect;
export type ReconciliationRow = typeof paymentReconciliations.$inferSelect;

/**
 * G6: which of a page's decisions are paid, in one prepared query (every violation query runs it, N1). Joined to the
 * `unnest` of the numbers rather than `= any(…)`: with that, PostgreSQL planned the statement anew on every call.
 */
const paidAmongStatement = preparedSql<{ decision_no: string }>(
  'payments_paid_among',
  sql`select p.decision_no from unnest(${sql.placeholder('decisionNos')}::text[]) as d(no)
      join ${finePayments} p on p.decision_no = d.no where p.state = 'paid'`,
);

const LOCK_READ = sql`(select json_build_object('failures', l.failures, 'windowStartedAt', l.window_started_at, 'lockedUntil', l.locked_until)
  from ${paymentQueryLocks} l where l.key = ${sql.placeholder('lockKey')})`;

/** A partner's lock on a plate as read with the buckets: the lock, and the row's values as read (null: no row). */
export interface LockSeen {
  lock: QueryLock | undefined;
  raw: { failures: number; windowStartedAt: string; lockedUntil: string | null } | null;
}

const lockInsertIfNone = preparedSql(
  'payments_lock_insert_if_none',
  sql`insert into ${paymentQueryLocks} (key, failures, window_started_at, locked_until)
      values (${sql.placeholder('lockKey')}, ${sql.placeholder('failures')}, ${sql.placeholder('windowStartedAt')}::timestamptz,
              ${sql.placeholder('lockedUntil')}::timestamptz)
      on conflict (key) do nothing returning 1`,
);
const lockUpdateIf = preparedSql(
  'payments_lock_update_if',
  sql`update ${paymentQueryLocks} set failures = ${sql.placeholder('failures')},
        window_started_at = ${sql.placeholder('windowStartedAt')}::timestamptz, locked_until = ${sql.placeholder('lockedUntil')}::timestamptz
      where key = ${sql.placeholder('lockKey')} and failures = ${sql.placeholder('seenFailures')}
        and window_started_at = ${sql.placeholder('seenWindowStartedAt')}::timestamptz
        and locked_until is not distinct from ${sql.placeholder('seenLockedUntil')}::timestamptz
      returning 1`,
);

/** SQL of the 缴款 module. */
export const paymentsRepository = {
  async insert(db: DbOrTx, values: Omit<typeof finePayments.$inferInsert, 'id'>): Promise<PaymentRow> {
    const [row] = await db.insert(finePayments).values(values).returning();
    if (!row) throw new Error('payment not inserted');
    return row;
  },
  async setChannelOrder(db: DbOrTx, id: number, channelOrderNo: string): Promise<void> {
    await db.update(finePayments).set({ channelOrderNo }).where(eq(finePayments.id, id));
  },
  async close(db: DbOrTx, id: number): Promise<void> {
    await db.update(finePayments).set({ state: 'closed' }).where(eq(finePayments.id, id));
  },
  async byOrderNo(db: DbOrTx, merchantOrderNo: string, forUpdate = false): Promise<PaymentRow | undefined> {
    const q = db.select().from(finePayments).where(eq(finePayments.merchantOrderNo, merchantOrderNo));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },
  async paidFor(db: DbOrTx, decisionNo: string): Promise<PaymentRow | undefined> {
    const [row] = await db
      .select()
      .from(finePayments)
      .where(and(eq(finePayments.decisionNo, decisionNo), eq(finePayments.state, 'paid')));
    return row;
  },
  /** The decisions among these that are paid (one query for a page of them). */
  async paidAmong(db: DbOrTx, decisionNos: readonly string[]): Promise<Set<string>> {
    if (decisionNos.length === 0) return new Set();
    const rows = await paidAmongStatement(db, { decisionNos: [...decisionNos] });
    return new Set(rows.map((r) => r.decision_no));
  },
  async markPaid(db: DbOrTx, id: number, paidAt: Date): Promise<void> {
    await db.update(finePayments).set({ state: 'paid', paidAt }).where(eq(finePayments.id, id));
  },
  /** Records one refund the channel accepted and raises the order's refunded total (in the caller's transaction). */
  async addRefund(db: DbOrTx, refund: { paymentId: number; refundNo: string; amountFen: number; reason: string }, refundedFen: number, full: boolean) {
    await db.insert(finePaymentRefunds).values(refund);
    await db
      .update(finePayments)
      .set({ refundedFen, ...(full ? { state: 'refunded' as const } : {}) })
      .where(eq(finePayments.id, refund.paymentId));
  },
  /** The refunds made in [from, to), one row each with its number, by order and number. */
  async refundedBetween(db: DbOrTx, from: Date, to: Date): Promise<{ merchantOrderNo: string; refundNo: string; amountFen: number }[]> {
    return db
      .select({ merchantOrderNo: finePayments.merchantOrderNo, refundNo: finePaymentRefunds.refundNo, amountFen: finePaymentRefunds.amountFen })
      .from(finePaymentRefunds)
      .innerJoin(finePayments, eq(finePayments.id, finePaymentRefunds.paymentId))
      .where(and(gte(finePaymentRefunds.refundedAt, from), lt(finePaymentRefunds.refundedAt, to)))
      .orderBy(finePayments.merchantOrderNo, finePaymentRefunds.refundNo);
  },
  /** Orders paid in [from, to). */
  async paidBetween(db: DbOrTx, from: Date, to: Date): Promise<PaymentRow[]> {
    return db
      .select()
      .from(finePayments)
      .where(and(gte(finePayments.paidAt, from), lt(finePayments.paidAt, to)));
  },
  async setNotice(db: DbOrTx, id: number, values: Pick<PaymentRow, 'noticeState' | 'noticeMsgId'>): Promise<void> {
    await db.update(finePayments).set(values).where(eq(finePayments.id, id));
  },
  async noticeReported(db: DbOrTx, msgId: string, state: 'delivered' | 'undelivered'): Promise<void> {
    await db.update(finePayments).set({ noticeState: state }).where(eq(finePayments.noticeMsgId, msgId));
  },
  /** Paid orders with a mobile whose notice has not gone out (after a retryable failure). */
  async noticesWaiting(db: DbOrTx, limit: number): Promise<PaymentRow[]> {
    return db
      .select()
      .from(finePayments)
      .where(and(eq(finePayments.state, 'paid'), isNotNull(finePayments.noticePhoneEnc), isNull(finePayments.noticeState)))
      .limit(limit);
  },
  /** The console's list, newest first (the created_at index), filtered by state and decision number. */
  async list(
    db: DbOrTx,
    filter: { state?: PaymentRow['state']; decisionNo?: string; limit: number; offset: number },
  ): Promise<{ items: PaymentRow[]; total: number }> {
    const conditions: SQL[] = [];
    if (filter.state) conditions.push(eq(finePayments.state, filter.state));
    if (filter.decisionNo) conditions.push(eq(finePayments.decisionNo, filter.decisionNo));
    const where = conditions.length ? and(...conditions) : undefined;
    const items = await db
      .select()
      .from(finePayments)
      .where(where)
      .orderBy(desc(finePayments.createdAt), desc(finePayments.id))
      .limit(filter.limit)
      .offset(filter.offset);
    const [total] = await db.select({ n: count() }).from(finePayments).where(where);
    return { items, total: total?.n ?? 0 };
  },
  /** The list's orders (same filters, newest first) in batches by (created_at, id) (the Excel export streams them). */
  async *stream(db: DbOrTx, filter: { state?: PaymentRow['state'] | undefined; decisionNo?: string | undefined }, batchSize = 500): AsyncGenerator<PaymentRow> {
    const conditions: SQL[] = [];
    if (filter.state) conditions.push(eq(finePayments.state, filter.state));
    if (filter.decisionNo) conditions.push(eq(finePayments.decisionNo, filter.decisionNo));
    let before: PaymentRow | undefined;
    for (;;) {
      const after = before ? sql`(${finePayments.createdAt}, ${finePayments.id}) < (${before.createdAt.toISOString()}::timestamptz, ${before.id})` : undefined;
      const rows = await db
        .select()
        .from(finePayments)
        .where(and(...conditions, after))
        .orderBy(desc(finePayments.createdAt), desc(finePayments.id))
        .limit(batchSize);
      yield* rows;
      if (rows.length < batchSize) return;
      before = rows.at(-1);
    }
  },
  /** Keeps a day's reconciliation: a later run of the same day replaces the earlier one. */
  async saveReconciliation(db: DbOrTx, day: string, matched: number, mismatches: Mismatch[]): Promise<ReconciliationRow> {
    const values = { day, matched, mismatchCount: mismatches.length, mismatches, checkedAt: new Date() };
    const [row] = await db.insert(paymentReconciliations).values(values).onConflictDoUpdate({ target: paymentReconciliations.day, set: values }).returning();
    if (!row) throw new Error('reconciliation not saved');
    return row;
  },
  async reconciliations(db: DbOrTx, filter: { limit: number; offset: number }): Promise<{ items: ReconciliationRow[]; total: number }> {
    const items = await db.select().from(paymentReconciliations).orderBy(desc(paymentReconciliations.day)).limit(filter.limit).offset(filter.offset);
    const [total] = await db.select({ n: count() }).from(paymentReconciliations);
    return { items, total: total?.n ?? 0 };
  },
  async queryLock(db: DbOrTx, key: string, forUpdate = false): Promise<QueryLock | undefined> {
    const q = db.select().from(paymentQueryLocks).where(eq(paymentQueryLocks.key, key));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },
  /**
   * G6: the partner's lock on a plate (its mismatch count too) as a scalar subquery, read in the statement that takes
   * the query's token buckets (`TokenBuckets.takeEachReading`: one round trip for both); `lockSeen` reads its value.
   */
  lockRead(key: string): ReadAlongside {
    return { name: 'payments_lock', sql: LOCK_READ, values: { lockKey: key } };
  },
  /** The lock as `lockRead` read it (undefined: none), and what `saveQueryLockIf` compares with. */
  lockSeen(value: unknown): LockSeen {
    const raw = (typeof value === 'string' ? JSON.parse(value) : value) as LockSeen['raw'];
    if (!raw) return { lock: undefined, raw: null };
    return {
      lock: { failures: raw.failures, windowStartedAt: new Date(raw.windowStartedAt), lockedUntil: raw.lockedUntil ? new Date(raw.lockedUntil) : null },
      raw,
    };
  },
  /**
   * Writes the lock only if its row is still as `seen` read it (none, or the same values): one statement, no
   * transaction. False when another call changed it since (the caller then does it again under the row's lock).
   */
  async saveQueryLockIf(db: DbOrTx, key: string, lock: QueryLock, seen: LockSeen): Promise<boolean> {
    const values = {
      lockKey: key,
      failures: lock.failures,
      windowStartedAt: lock.windowStartedAt.toISOString(),
      lockedUntil: lock.lockedUntil?.toISOString() ?? null,
    };
    const rows = seen.raw
      ? await lockUpdateIf(db, {
          ...values,
          seenFailures: seen.raw.failures,
          seenWindowStartedAt: seen.raw.windowStartedAt,
          seenLockedUntil: seen.raw.lockedUntil,
        })
      : await lockInsertIfNone(db, values);
    return rows.length > 0;
  },
  async saveQueryLock(db: DbOrTx, key: string, lock: QueryLock): Promise<void> {
    await db
      .insert(paymentQueryLocks)
      .values({ key, ...lock })
      .onConflictDoUpdate({ target: paymentQueryLocks.key, set: lock });
  },
  /**
   * Files an asserted identity (G5 用户信息备案): a new row (version 1, or 2 when mapped at once), or the changes a
   * fresh assertion makes to the held one (`identityChanges`: first mapping, a new mobile number) as the next version,
   * the replaced version kept in `citizen_identity_history`; `changes` empty when only `last_asserted_at` moved.
   */
  async fileIdentity(
    db: DbOrTx,
    openid: string,
    asserted: { accountId: number | null; mobileEnc: string | null; mobileIdx: string | null },
  ): Promise<{ row: typeof citizenIdentities.$inferSelect; changes: IdentityChange[] | 'filed' }> {
    const [filed] = await db
      .insert(citizenIdentities)
      .values({ openid, ...asserted, version: asserted.accountId ? 2 : 1 })
      .onConflictDoNothing()
      .returning();
    if (filed) return { row: filed, changes: 'filed' };
    const [held] = await db.select().from(citizenIdentities).where(eq(citizenIdentities.openid, openid)).for('update');
    if (!held) throw new Error(`identity ${openid} vanished`);
    const changes = identityChanges(held, asserted);
    if (changes.length === 0) {
      const [seen] = await db.update(citizenIdentities).set({ lastAssertedAt: new Date() }).where(eq(citizenIdentities.openid, openid)).returning();
      return { row: seen!, changes };
    }
    await db.insert(citizenIdentityHistory).values({ openid, version: held.version, accountId: held.accountId, mobileEnc: held.mobileEnc, changes });
    const [row] = await db
      .update(citizenIdentities)
      .set({
        lastAssertedAt: new Date(),
        version: held.version + 1,
        ...(changes.includes('mapped') ? { accountId: asserted.accountId } : {}),
        ...(changes.includes('mobile') ? { mobileEnc: asserted.mobileEnc, mobileIdx: asserted.mobileIdx } : {}),
      })
      .where(eq(citizenIdentities.openid, openid))
      .returning();
    return { row: row!, changes };
  },

  /**
   * The local account of a person by the keyed digest of the ID number, created on first use; a name the hub asserts
   * that differs (by its keyed digest) from the one held replaces it. `renamed`: an indexed name was replaced.
   */
  async accountFor(
    db: DbOrTx,
    values: { idNumberIdx: string; idNumberEnc: string; nameEnc: string | null; nameIdx: string | null },
  ): Promise<{ id: number; created: boolean; renamed: boolean }> {
    const [created] = await db.insert(citizenAccounts).values(values).onConflictDoNothing().returning({ id: citizenAccounts.id });
    if (created) return { id: created.id, created: true, renamed: false };
    const [found] = await db
      .select({ id: citizenAccounts.id, nameIdx: citizenAccounts.nameIdx })
      .from(citizenAccounts)
      .where(eq(citizenAccounts.idNumberIdx, values.idNumberIdx))
      .for('update');
    if (!found) throw new Error('citizen account vanished');
    if (values.nameIdx === null || values.nameIdx === found.nameIdx) return { id: found.id, created: false, renamed: false };
    await db.update(citizenAccounts).set({ nameEnc: values.nameEnc, nameIdx: values.nameIdx }).where(eq(citizenAccounts.id, found.id));
    return { id: found.id, created: false, renamed: found.nameIdx !== null };
  },
};
