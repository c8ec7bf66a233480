import { and, count, desc, eq, lte, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { publishContents } from './publishing.table.ts';

export type ContentRow = typeof publishContents.$inferSelect;
type ContentState = ContentRow['state'];

/** Per item, the newest published version whose time has come at `now`. */
function currentVersions(db: DbOrTx, now: Date, q: { kind?: ContentRow['kind'] | undefined; itemKey?: string }) {
  const conditions = [eq(publishContents.state, 'published'), lte(publishContents.publishAt, now)];
  if (q.kind) conditions.push(eq(publishContents.kind, q.kind));
  if (q.itemKey) conditions.push(eq(publishContents.itemKey, q.itemKey));
  return db
    .selectDistinctOn([publishContents.itemKey])
    .from(publishContents)
    .where(and(...conditions))
    .orderBy(publishContents.itemKey, desc(publishContents.version));
}

/** SQL of the G8 contents. */
export const contentsRepository = {
  /** The versions of an item, locked when asked (a new version is numbered after them). */
  async versions(db: DbOrTx, itemKey: string, forUpdate = false): Promise<ContentRow[]> {
    const q = db.select().from(publishContents).where(eq(publishContents.itemKey, itemKey)).orderBy(publishContents.version);
    return forUpdate ? q.for('update') : q;
  },
  /** Inserts a version; undefined when its number was taken meanwhile. */
  async insert(db: DbOrTx, values: Omit<typeof publishContents.$inferInsert, 'id'>): Promise<ContentRow | undefined> {
    const [row] = await db.insert(publishContents).values(values).onConflictDoNothing().returning();
    return row;
  },
  async nextVersion(db: DbOrTx, itemKey: string): Promise<number> {
    const [row] = await db
      .select({ v: max(publishContents.version) })
      .from(publishContents)
      .where(eq(publishContents.itemKey, itemKey));
    return (row?.v ?? 0) + 1;
  },
  async byId(db: DbOrTx, id: number, forUpdate = false): Promise<ContentRow | undefined> {
    const q = db.select().from(publishContents).where(eq(publishContents.id, id));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },
  /** Moves a version from one state to another; false when it was no longer in `from`. */
  async transition(db: DbOrTx, id: number, from: ContentState, set: Partial<ContentRow> & { state: ContentState }): Promise<boolean> {
    const rows = await db
      .update(publishContents)
      .set(set)
      .where(and(eq(publishContents.id, id), eq(publishContents.state, from)))
      .returning({ id: publishContents.id });
    return rows.length > 0;
  },
  /** Ends the publication of an item: every published version of it is withdrawn. */
  async withdrawItem(db: DbOrTx, itemKey: string, at: Date): Promise<number> {
    const rows = await db
      .update(publishContents)
      .set({ state: 'withdrawn', withdrawnAt: at })
      .where(and(eq(publishContents.itemKey, itemKey), eq(publishContents.state, 'published')))
      .returning({ id: publishContents.id });
    return rows.length;
  },
  /** The back office's list, newest first. */
  async list(db: DbOrTx, q: { state?: ContentState | undefined; limit: number; offset: number }): Promise<{ items: ContentRow[]; total: number }> {
    const where = q.state ? eq(publishContents.state, q.state) : undefined;
    const items = await db
      .select()
      .from(publishContents)
      .where(where)
      .orderBy(desc(publishContents.createdAt), desc(publishContents.id))
      .limit(q.limit)
      .offset(q.offset);
    const [row] = await db.select({ n: count() }).from(publishContents).where(where);
    return { items, total: row?.n ?? 0 };
  },
  /**
   * What the public sees at `now`: per item, the newest published version whose time has come (a scheduled newer
   * version leaves the older one shown until then), newest publication first, at most `limit`.
   */
  async current(db: DbOrTx, now: Date, q: { kind?: ContentRow['kind'] | undefined; itemKey?: string; limit: number; offset?: number }): Promise<ContentRow[]> {
    const latest = currentVersions(db, now, q).as('latest');
    return db
      .select()
      .from(latest)
      .orderBy(desc(latest.publishAt), sql`${latest.itemKey}`)
      .limit(q.limit)
      .offset(q.offset ?? 0) as Promise<ContentRow[]>;
  },
  /** How many items the public sees at `now` (of a kind): the public list's total. */
  async currentCount(db: DbOrTx, now: Date, q: { kind?: ContentRow['kind'] | undefined }): Promise<number> {
    const latest = currentVersions(db, now, q).as('latest');
    const [row] = await db.select({ n: count() }).from(latest);
    return row?.n ?? 0;
  },
};
