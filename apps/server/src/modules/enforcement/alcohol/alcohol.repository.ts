import { and, asc, count, desc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { pdaDevices } from '../../../platform/transport/transport.table.ts';
import { enfBloodSamples, enfBreathTests, enfDeviceReadings } from '../enforcement.table.ts';
import { dayRange, keysetBatches, type PageFilter, scopedBatches, scopedPage } from '../scoped-page.repository.ts';

export type BreathTestRow = typeof enfBreathTests.$inferSelect;
export type DeviceReadingRow = typeof enfDeviceReadings.$inferSelect;
export type BloodSampleRow = typeof enfBloodSamples.$inferSelect;

export type ReadingFilter = { deviceCode?: string | undefined; from?: string | undefined; to?: string | undefined };

/**
 * P5 data scope: a reading belongs to the department that holds its tester in 终端管理 (the device's registration), so a
 * detachment sees its own testers' data and the city sees all; a reading of a tester no longer registered only the city.
 */
function readingsWhere(principal: Principal, q: ReadingFilter) {
  const scope = scopeCondition(principal, { department: pdaDevices.departmentId });
  const held = scope ? sql`lower(${enfDeviceReadings.deviceCode}) in (select lower(${pdaDevices.code}) from ${pdaDevices} where ${scope})` : undefined;
  return and(held, q.deviceCode ? eq(enfDeviceReadings.deviceCode, q.deviceCode) : undefined, ...dayRange(enfDeviceReadings.measuredAt, q.from, q.to));
}

const windowOf = (at: Date, minutes: number) => ({ from: new Date(at.getTime() - minutes * 60_000), to: new Date(at.getTime() + minutes * 60_000) });

export const alcoholRepository = {
  breathTest: async (db: DbOrTx, id: string) => (await db.select().from(enfBreathTests).where(eq(enfBreathTests.id, id)))[0],
  insertBreathTest: async (db: DbOrTx, row: typeof enfBreathTests.$inferInsert) =>
    (await db.insert(enfBreathTests).values(row).onConflictDoNothing({ target: enfBreathTests.id }).returning())[0],
  breathTests: (db: DbOrTx, principal: Principal, q: PageFilter) => scopedPage<BreathTestRow>(db, enfBreathTests, principal, q),
  /** The list's rows in batches (the Excel export streams them). */
  breathTestBatches: (db: DbOrTx, principal: Principal, q: Omit<PageFilter, 'page' | 'pageSize'>) =>
    scopedBatches<BreathTestRow>(db, enfBreathTests, principal, q),

  /** Readings of the tester within the window that no test has claimed yet: they belong to this test (P4 linking). */
  async claimReadings(db: DbOrTx, test: { id: string; testerCode: string; testedAt: Date }, minutes: number): Promise<void> {
    const w = windowOf(test.testedAt, minutes);
    await db
      .update(enfDeviceReadings)
      .set({ breathTestId: test.id })
      .where(
        and(
          eq(enfDeviceReadings.deviceCode, test.testerCode),
          isNull(enfDeviceReadings.breathTestId),
          gte(enfDeviceReadings.measuredAt, w.from),
          lte(enfDeviceReadings.measuredAt, w.to),
        ),
      );
  },
  readingsOf: async (db: DbOrTx, breathTestId: string) =>
    (await db.select({ n: count() }).from(enfDeviceReadings).where(eq(enfDeviceReadings.breathTestId, breathTestId)))[0]?.n ?? 0,

  /** Stores a pushed reading once per (device, message); undefined for a repeat. */
  insertReading: async (db: DbOrTx, row: typeof enfDeviceReadings.$inferInsert) =>
    (
      await db
        .insert(enfDeviceReadings)
        .values(row)
        .onConflictDoNothing({ target: [enfDeviceReadings.deviceCode, enfDeviceReadings.messageId] })
        .returning()
    )[0],
  reading: async (db: DbOrTx, deviceCode: string, messageId: string) =>
    (
      await db
        .select()
        .from(enfDeviceReadings)
        .where(and(eq(enfDeviceReadings.deviceCode, deviceCode), eq(enfDeviceReadings.messageId, messageId)))
    )[0],

  /** The breath test of the same tester nearest in time within the window (arrival order does not matter). */
  async testNear(db: DbOrTx, deviceCode: string, at: Date, minutes: number): Promise<string | undefined> {
    const w = windowOf(at, minutes);
    const [row] = await db
      .select({ id: enfBreathTests.id })
      .from(enfBreathTests)
      .where(and(eq(enfBreathTests.testerCode, deviceCode), gte(enfBreathTests.testedAt, w.from), lte(enfBreathTests.testedAt, w.to)))
      .orderBy(sql`abs(extract(epoch from ${enfBreathTests.testedAt} - ${at.toISOString()}::timestamptz))`)
      .limit(1);
    return row?.id;
  },
  linkReading: (db: DbOrTx, id: number, breathTestId: string) => db.update(enfDeviceReadings).set({ breathTestId }).where(eq(enfDeviceReadings.id, id)),

  /** P5: readings (not personal by themselves), by device and day, of the testers the reader's detachment holds. */
  async readings(db: DbOrTx, principal: Principal, q: PageFilter & { deviceCode?: string | undefined }) {
    const where = readingsWhere(principal, q);
    const rows = await db
      .select()
      .from(enfDeviceReadings)
      .where(where)
      .orderBy(desc(enfDeviceReadings.measuredAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await db.select({ n: count() }).from(enfDeviceReadings).where(where);
    return { rows, total: total?.n ?? 0 };
  },
  /** The readings of `readings` (P5 scope, device, days), newest first, in batches (the Excel export streams them). */
  readingBatches: (db: DbOrTx, principal: Principal, q: ReadingFilter, batchSize = 500) =>
    keysetBatches<DeviceReadingRow>(
      db,
      enfDeviceReadings,
      readingsWhere(principal, q),
      { at: enfDeviceReadings.measuredAt, id: enfDeviceReadings.id, of: (r) => ({ at: r.measuredAt, id: r.id }) },
      batchSize,
    ),
  async readingStats(db: DbOrTx, principal: Principal, q: ReadingFilter) {
    const day = sql<string>`to_char(${enfDeviceReadings.measuredAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
    return db
      .select({ deviceCode: enfDeviceReadings.deviceCode, day, readings: count(), linked: count(enfDeviceReadings.breathTestId) })
      .from(enfDeviceReadings)
      .where(readingsWhere(principal, q))
      .groupBy(enfDeviceReadings.deviceCode, day)
      .orderBy(desc(day), asc(enfDeviceReadings.deviceCode))
      .limit(1000);
  },

  bloodSample: async (db: DbOrTx, id: string) => (await db.select().from(enfBloodSamples).where(eq(enfBloodSamples.id, id)))[0],
  bloodSampleForUpdate: async (db: DbOrTx, id: string) => (await db.select().from(enfBloodSamples).where(eq(enfBloodSamples.id, id)).for('update'))[0],
  insertBloodSample: async (db: DbOrTx, row: typeof enfBloodSamples.$inferInsert) =>
    (await db.insert(enfBloodSamples).values(row).onConflictDoNothing({ target: enfBloodSamples.id }).returning())[0],
  updateCustody: async (db: DbOrTx, id: string, events: unknown[], resultMgPer100mL: number | null) =>
    (await db.update(enfBloodSamples).set({ events, resultMgPer100mL }).where(eq(enfBloodSamples.id, id)).returning())[0]!,
  bloodSamples: (db: DbOrTx, principal: Principal, q: PageFilter) => scopedPage<BloodSampleRow>(db, enfBloodSamples, principal, q),
  /** The list's rows in batches (the Excel export streams them). */
  bloodSampleBatches: (db: DbOrTx, principal: Principal, q: Omit<PageFilter, 'page' | 'pageSize'>) =>
    scopedBatches<BloodSampleRow>(db, enfBloodSamples, principal, q),
};
