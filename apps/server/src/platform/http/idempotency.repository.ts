import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { idempotencyKeys } from './idempotency.table.ts';

export type StoredKey = typeof idempotencyKeys.$inferSelect;
export type Claim = Pick<StoredKey, 'id' | 'leaseUntil'>;

/** Still this claim's: pending, and not taken over since (a takeover sets a new lease). */
const held = (claim: Claim) => and(eq(idempotencyKeys.id, claim.id), eq(idempotencyKeys.state, 'pending'), eq(idempotencyKeys.leaseUntil, claim.leaseUntil));

/** All SQL of the Idempotency-Key store. */
export const idempotencyRepository = {
  /**
   * Takes the key for a request: a new row, or an existing one that has expired, or a pending one of the same request
   * whose holder ran out of time (it failed before answering). The claim (row id and lease, which later writes must
   * match), or undefined when the key is held. Times are the database's, the same for every server instance.
   */
  async claim(
    db: DbOrTx,
    row: Pick<StoredKey, 'owner' | 'key' | 'route' | 'digest'>,
    leaseSeconds: number,
    retentionHours: number,
  ): Promise<Claim | undefined> {
    const t = idempotencyKeys;
    // Whole milliseconds: the lease travels through a JS Date and must compare equal when it comes back.
    const leaseUntil = sql`date_trunc('milliseconds', now() + ${leaseSeconds} * interval '1 second')`;
    const expiresAt = sql`now() + ${retentionHours} * interval '1 hour'`;
    const [claimed] = await db
      .insert(t)
      .values({ ...row, leaseUntil, expiresAt })
      .onConflictDoUpdate({
        target: [t.owner, t.key],
        set: {
          route: row.route,
          digest: row.digest,
          state: 'pending',
          leaseUntil,
          expiresAt,
          statusCode: null,
          contentType: null,
          responseEnc: null,
          createdAt: sql`now()`,
        },
        setWhere: sql`${t.expiresAt} <= now() or (${t.state} = 'pending' and ${t.leaseUntil} <= now() and ${t.digest} = ${row.digest})`,
      })
      .returning({ id: t.id, leaseUntil: t.leaseUntil });
    return claimed;
  },

  async find(db: DbOrTx, owner: string, key: string): Promise<StoredKey | undefined> {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key)));
    return row;
  },

  async complete(db: DbOrTx, claim: Claim, answer: { statusCode: number; contentType: string | null; responseEnc: string }): Promise<void> {
    await db
      .update(idempotencyKeys)
      .set({ ...answer, state: 'done' })
      .where(held(claim));
  },

  /** Gives a pending key back (its request failed: nothing was done, a retry runs again). */
  async release(db: DbOrTx, claim: Claim): Promise<void> {
    await db.delete(idempotencyKeys).where(held(claim));
  },

  async purgeExpired(db: DbOrTx): Promise<number> {
    const rows = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, sql`now()`)).returning({ id: idempotencyKeys.id });
    return rows.length;
  },
};
