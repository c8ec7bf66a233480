import { and, count, desc, eq, gt, isNotNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { hubPushes, hubServices } from '../publishing.table.ts';

export type HubServiceRow = typeof hubServices.$inferSelect;
export type HubPushRow = typeof hubPushes.$inferSelect;
export type NewHubPush = Pick<typeof hubPushes.$inferInsert, 'kind' | 'businessKey' | 'version' | 'op' | 'payload'>;

/** SQL of G4: the area's services and the outbox of calls to the hub. */
export const hubRepository = {
  async serviceByCode(db: DbOrTx, code: string): Promise<HubServiceRow | undefined> {
    const [row] = await db.select().from(hubServices).where(eq(hubServices.serviceCode, code)).for('update');
    return row;
  },
  async saveService(db: DbOrTx, values: Omit<typeof hubServices.$inferInsert, 'id' | 'syncedVersion' | 'state'>): Promise<HubServiceRow> {
    const [row] = await db
      .insert(hubServices)
      .values({ ...values, state: 'registered' })
      .onConflictDoUpdate({
        target: hubServices.serviceCode,
        set: {
          name: values.name,
          category: values.category,
          onlineUrl: values.onlineUrl,
          status: values.status,
          version: values.version,
          state: 'registered',
          updatedBy: values.updatedBy,
          updatedByName: values.updatedByName,
          updatedAt: sql`now()`,
        },
      })
      .returning();
    return row!;
  },
  /** Files the drafts of services not held yet (a code held in any state is left alone); the codes filed. */
  async fileDrafts(db: DbOrTx, drafts: Omit<typeof hubServices.$inferInsert, 'id' | 'syncedVersion' | 'state' | 'version'>[]): Promise<string[]> {
    if (drafts.length === 0) return [];
    const rows = await db
      .insert(hubServices)
      .values(drafts.map((d) => ({ ...d, state: 'draft' as const, version: 1 })))
      .onConflictDoNothing()
      .returning({ code: hubServices.serviceCode });
    return rows.map((r) => r.code);
  },
  /** The catalogue is small (tens of services): listed whole, by code. */
  services(db: DbOrTx): Promise<HubServiceRow[]> {
    return db.select().from(hubServices).orderBy(hubServices.serviceCode);
  },
  /** Records the hub's acceptance of a service version (never lowers it). */
  async serviceSynced(db: DbOrTx, code: string, version: number): Promise<void> {
    await db
      .update(hubServices)
      .set({ syncedVersion: sql`greatest(coalesce(${hubServices.syncedVersion}, 0), ${version})` })
      .where(eq(hubServices.serviceCode, code));
  },

  /** Whether the hub has accepted a version of the service (a 办件 of it can be sent). */
  async serviceKnownAtHub(db: DbOrTx, code: string): Promise<boolean> {
    const [row] = await db
      .select({ id: hubServices.id })
      .from(hubServices)
      .where(and(eq(hubServices.serviceCode, code), isNotNull(hubServices.syncedVersion)));
    return row !== undefined;
  },
  /** The 办件 pushes of a service still waiting to be sent (e.g. for its registration). */
  async waitingCases(db: DbOrTx, code: string): Promise<Pick<HubPushRow, 'id' | 'attempts'>[]> {
    return db
      .select({ id: hubPushes.id, attempts: hubPushes.attempts })
      .from(hubPushes)
      .where(and(eq(hubPushes.kind, 'case'), eq(hubPushes.state, 'pending'), sql`${hubPushes.payload}->>'serviceCode' = ${code}`))
      .orderBy(hubPushes.id);
  },
  /** Adds a call to the outbox; undefined when the same (kind, key, version, op) is there already. */
  async enqueue(db: DbOrTx, push: NewHubPush): Promise<HubPushRow | undefined> {
    const [row] = await db.insert(hubPushes).values(push).onConflictDoNothing().returning();
    return row;
  },
  async push(db: DbOrTx, id: number, forUpdate = false): Promise<HubPushRow | undefined> {
    const q = db.select().from(hubPushes).where(eq(hubPushes.id, id));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },
  /**
   * Whether a newer version of the same key has reached the hub, or (for a publication) the withdrawal of the same
   * version: then this one is not sent.
   */
  async newerSent(db: DbOrTx, p: HubPushRow): Promise<boolean> {
    const later =
      p.op === 'publish'
        ? or(gt(hubPushes.version, p.version), and(eq(hubPushes.version, p.version), eq(hubPushes.op, 'withdraw')))
        : gt(hubPushes.version, p.version);
    const [row] = await db
      .select({ id: hubPushes.id })
      .from(hubPushes)
      .where(and(eq(hubPushes.kind, p.kind), eq(hubPushes.businessKey, p.businessKey), later, eq(hubPushes.state, 'sent')))
      .limit(1);
    return row !== undefined;
  },
  async settle(db: DbOrTx, id: number, set: Pick<Partial<HubPushRow>, 'state' | 'lastError' | 'sentAt'> & { attempted?: boolean }): Promise<void> {
    const { attempted, ...rest } = set;
    await db
      .update(hubPushes)
      .set({ ...rest, ...(attempted ? { attempts: sql`${hubPushes.attempts} + 1` } : {}) })
      .where(eq(hubPushes.id, id));
  },
  async list(db: DbOrTx, q: { state?: HubPushRow['state'] | undefined; limit: number; offset: number }): Promise<{ items: HubPushRow[]; total: number }> {
    const where = q.state ? eq(hubPushes.state, q.state) : undefined;
    const items = await db.select().from(hubPushes).where(where).orderBy(desc(hubPushes.id)).limit(q.limit).offset(q.offset);
    const [row] = await db.select({ n: count() }).from(hubPushes).where(where);
    return { items, total: row?.n ?? 0 };
  },
};
