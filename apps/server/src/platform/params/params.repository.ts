import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { systemParameters } from './params.table.ts';

export type StoredParam = typeof systemParameters.$inferSelect;

export const paramsRepository = {
  all(db: DbOrTx): Promise<StoredParam[]> {
    return db.select().from(systemParameters);
  },
  async upsert(db: DbOrTx, key: string, value: unknown, by: { id: number; name: string }): Promise<StoredParam> {
    const rows = await db
      .insert(systemParameters)
      .values({ key, value, updatedBy: by.id, updatedByName: by.name })
      .onConflictDoUpdate({
        target: systemParameters.key,
        set: { value, updatedAt: sql`now()`, updatedBy: by.id, updatedByName: by.name },
      })
      .returning();
    return rows[0] as StoredParam;
  },
  async get(db: DbOrTx, key: string): Promise<StoredParam | undefined> {
    const rows = await db.select().from(systemParameters).where(eq(systemParameters.key, key));
    return rows[0];
  },
};
