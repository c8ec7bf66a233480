import { and, count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { smsTemplates } from './payments.table.ts';

export type SmsTemplateRow = typeof smsTemplates.$inferSelect;

/** SQL of the G9 SMS templates. */
export const smsTemplateRepository = {
  /** Registers a template; undefined when its code is taken. */
  async insert(db: DbOrTx, values: Omit<typeof smsTemplates.$inferInsert, 'id'>): Promise<SmsTemplateRow | undefined> {
    const [row] = await db.insert(smsTemplates).values(values).onConflictDoNothing({ target: smsTemplates.code }).returning();
    return row;
  },
  async byId(db: DbOrTx, id: number, forUpdate = false): Promise<SmsTemplateRow | undefined> {
    const q = db.select().from(smsTemplates).where(eq(smsTemplates.id, id));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },
  async byCode(db: DbOrTx, code: string): Promise<SmsTemplateRow | undefined> {
    const [row] = await db.select().from(smsTemplates).where(eq(smsTemplates.code, code));
    return row;
  },
  /** Records the review of a pending template; false when it was reviewed meanwhile. */
  async review(
    db: DbOrTx,
    id: number,
    review: { state: 'approved' | 'rejected'; reviewedBy: number | null; reviewedByName: string; reviewNote: string | null; reviewedAt?: Date },
  ): Promise<boolean> {
    const rows = await db
      .update(smsTemplates)
      .set({ reviewedAt: new Date(), ...review })
      .where(and(eq(smsTemplates.id, id), eq(smsTemplates.state, 'pending')))
      .returning({ id: smsTemplates.id });
    return rows.length > 0;
  },
  /** The console's list, newest first. */
  async list(db: DbOrTx, page: { limit: number; offset: number }): Promise<{ items: SmsTemplateRow[]; total: number }> {
    const items = await db.select().from(smsTemplates).orderBy(desc(smsTemplates.createdAt), desc(smsTemplates.id)).limit(page.limit).offset(page.offset);
    const [row] = await db.select({ n: count() }).from(smsTemplates);
    return { items, total: row?.n ?? 0 };
  },
};
