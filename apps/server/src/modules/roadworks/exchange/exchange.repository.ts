import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { rwExchangeRequests } from '../roadworks.table.ts';

export type ExchangeRow = typeof rwExchangeRequests.$inferSelect;

/** All SQL of the R3 exchange records. */
export const exchangeRepository = {
  async insertNew(db: DbOrTx, rows: { name: string; requestId: string; windowFrom: Date | null; windowTo: Date | null }[]): Promise<void> {
    if (rows.length > 0) await db.insert(rwExchangeRequests).values(rows).onConflictDoNothing({ target: rwExchangeRequests.name });
  },

  /** Requests still to answer (received or failed), oldest first. */
  async open(db: DbOrTx): Promise<ExchangeRow[]> {
    return db
      .select()
      .from(rwExchangeRequests)
      .where(sql`${rwExchangeRequests.status} in ('received', 'failed')`)
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

  async set(
    db: DbOrTx,
    id: number,
    s: Partial<Pick<ExchangeRow, 'status' | 'recordCount' | 'sm3' | 'error' | 'sentAt'>> & { attempt?: boolean },
  ): Promise<void> {
    const { attempt, ...fields } = s;
    await db
      .update(rwExchangeRequests)
      .set({ ...fields, ...(attempt ? { attempts: sql`${rwExchangeRequests.attempts} + 1` } : {}) })
      .where(eq(rwExchangeRequests.id, id));
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
