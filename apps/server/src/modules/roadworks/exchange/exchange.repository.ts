import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { rwExchangeRequests } from '../roadworks.table.ts';

export type ExchangeRow = typeof rwExchangeRequests.$inferSelect;

/** All SQL of the R3 exchange records. */
export const exchangeRepository = {
  async insertNew(db: DbOrTx, rows: { name: string; requestId: string; windowFrom: Date | null; windowTo: Date | null }[]): Promise<void> {
    if (rows.length > 0) await db.insert(rwExchangeRequests).values(rows).onConflictDoNothing({ target: rwExchangeRequests.name });
  },

  /** Requests still to answer (received or failed) that no process holds a live lease on, oldest first. */
  async open(db: DbOrTx): Promise<ExchangeRow[]> {
    return db
      .select()
      .from(rwExchangeRequests)
      .where(
        sql`${rwExchangeRequests.status} in ('received', 'failed') and (${rwExchangeRequests.leaseUntil} is null or ${rwExchangeRequests.leaseUntil} < now())`,
      )
      .orderBy(asc(rwExchangeRequests.id))
      .limit(100);
  },

  async byName(db: DbOrTx, name: string): Promise<ExchangeRow | undefined> {
    const [row] = await db.select().from(rwExchangeRequests).where(eq(rwExchangeRequests.name, name));
    return row;
  },

  async byId(db: DbOrTx, id: number): Promise<ExchangeRow | undefined> {
    const [row] = await db.select().from(rwExchangeRequests).where(eq(rwExchangeRequests.id, id));
    return row;
  },

  /**
   * Takes the request for `owner` until now + leaseMs, if it is still open and no live lease is held: one atomic
   * update, so of two processes only one gets it (the other's update finds the lease taken). The lease of a process
   * that died runs out and the request is taken again.
   */
  async lease(db: DbOrTx, id: number, owner: string, leaseMs: number): Promise<ExchangeRow | undefined> {
    const [row] = await db
      .update(rwExchangeRequests)
      .set({ leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
      .where(
        and(
          eq(rwExchangeRequests.id, id),
          sql`${rwExchangeRequests.status} in ('received', 'failed')`,
          sql`(${rwExchangeRequests.leaseUntil} is null or ${rwExchangeRequests.leaseUntil} < now())`,
        ),
      )
      .returning();
    return row;
  },

  /** Records the outcome of `owner`'s attempt and ends its lease (nothing is written if the lease was taken over). */
  async settle(
    db: DbOrTx,
    id: number,
    owner: string,
    s: Partial<Pick<ExchangeRow, 'status' | 'recordCount' | 'sm3' | 'error' | 'sentAt'>> & { attempt?: boolean },
  ): Promise<void> {
    const { attempt, ...fields } = s;
    await db
      .update(rwExchangeRequests)
      .set({ ...fields, leaseOwner: null, leaseUntil: null, ...(attempt ? { attempts: sql`${rwExchangeRequests.attempts} + 1` } : {}) })
      .where(and(eq(rwExchangeRequests.id, id), eq(rwExchangeRequests.leaseOwner, owner)));
  },

  /** The requests received on one day (Asia/Shanghai), for the reconciliation view. */
  async ofDay(db: DbOrTx, from: Date, to: Date): Promise<ExchangeRow[]> {
    return db
      .select()
      .from(rwExchangeRequests)
      .where(and(gte(rwExchangeRequests.receivedAt, from), lt(rwExchangeRequests.receivedAt, to)))
      .orderBy(asc(rwExchangeRequests.id));
  },
};
