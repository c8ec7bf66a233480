import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { enfDetentions, enfVoucherSeq } from '../enforcement.table.ts';
import { type PageFilter, scopedBatches, scopedPage } from '../scoped-page.repository.ts';

export type DetentionRow = typeof enfDetentions.$inferSelect;

export const detentionsRepository = {
  byId: async (db: DbOrTx, id: string) => (await db.select().from(enfDetentions).where(eq(enfDetentions.id, id)))[0],
  forUpdate: async (db: DbOrTx, id: string) => (await db.select().from(enfDetentions).where(eq(enfDetentions.id, id)).for('update'))[0],
  async insert(db: DbOrTx, row: Omit<typeof enfDetentions.$inferInsert, 'voucherNo'>): Promise<DetentionRow | undefined> {
    const voucherNo = sql`'KL' || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval(${enfVoucherSeq.seqName})::text, 6, '0')`;
    const [inserted] = await db
      .insert(enfDetentions)
      .values({ ...row, voucherNo })
      .onConflictDoNothing({ target: enfDetentions.id })
      .returning();
    return inserted;
  },
  release: async (db: DbOrTx, id: string, r: { releasedAt: Date; releaseNote: string; releasedBy: string }) =>
    (await db.update(enfDetentions).set(r).where(eq(enfDetentions.id, id)).returning())[0]!,
  list: (db: DbOrTx, principal: Principal, q: PageFilter) => scopedPage<DetentionRow>(db, enfDetentions, principal, q),
  /** The list's rows in batches (the Excel export streams them). */
  stream: (db: DbOrTx, principal: Principal, q: Omit<PageFilter, 'page' | 'pageSize'>) => scopedBatches<DetentionRow>(db, enfDetentions, principal, q),
};
