import { and, asc, count, desc, eq, gte, isNull, lte, type SQLWrapper, sql } from 'drizzle-orm';
import { type DbOrTx, inTransaction } from '../../../platform/db/client.ts';
import { addToRollup, beijingDay } from '../../../platform/db/rollup.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { enfBloodSamples, enfBreathTests, enfDeviceReadings } from '../enforcement.table.ts';
import { dayRange, keysetBatches, type PageFilter, scopedBatches, scopedPage } from '../scoped-page.repository.ts';
import { heldDevices, READING_DAYS, readingDaysWhere } from './reading-days.repository.ts';

export type BreathTestRow = typeof enfBreathTests.$inferSelect;
export type DeviceReadingRow = typeof enfDeviceReadings.$inferSelect;
export type BloodSampleRow = typeof enfBloodSamples.$inferSelect;

export type ReadingFilter = { deviceCode?: string | undefined; from?: string | undefined; to?: string | undefined };

function readingsWhere(principal: Principal, q: ReadingFilter) {
  return and(
    heldDevices(principal, enfDeviceReadings.deviceCode),
    q.deviceCode ? eq(enfDeviceReadings.deviceCode, q.deviceCode) : undefined,
    ...dayRange(enfDeviceReadings.measuredAt, q.from, q.to),
  );
}

/** Adds the readings an update just linked (its `returning` of device and time) to the rollup's linked counts (drizzle parenthesises the update). */
function linkedToRollup(db: DbOrTx, linked: SQLWrapper): Promise<void> {
  return addToRollup(
    db,
    READING_DAYS,
    sql`select ${beijingDay(sql`measured_at`)}, device_code, 0, count(*)::int from linked group by 1, 2`,
    sql`with linked as ${linked}`,
  );
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

  /**
   * Readings of the tester within the window that no test has claimed yet: they belong to this test (P4 linking). The
   * claim and its rollup (linked per day) are one statement.
   */
  async claimReadings(db: DbOrTx, test: { id: string; testerCode: string; testedAt: Date }, minutes: number): Promise<void> {
    const w = windowOf(test.testedAt, minutes);
    const claim = db
      .update(enfDeviceReadings)
      .set({ breathTestId: test.id })
      .where(
        and(
          eq(enfDeviceReadings.deviceCode, test.testerCode),
          isNull(enfDeviceReadings.breathTestId),
          gte(enfDeviceReadings.measuredAt, w.from),
          lte(enfDeviceReadings.measuredAt, w.to),
        ),
      )
      .returning({ deviceCode: enfDeviceReadings.deviceCode, measuredAt: enfDeviceReadings.measuredAt });
    await linkedToRollup(db, claim);
  },
  readingsOf: async (db: DbOrTx, breathTestId: string) =>
    (await db.select({ n: count() }).from(enfDeviceReadings).where(eq(enfDeviceReadings.breathTestId, breathTestId)))[0]?.n ?? 0,

  /** Stores a pushed reading once per (device, message), with its rollup (same transaction); undefined for a repeat. */
  insertReading: (db: DbOrTx, row: typeof enfDeviceReadings.$inferInsert) =>
    inTransaction(db, async (tx) => {
      const [inserted] = await tx
        .insert(enfDeviceReadings)
        .values(row)
        .onConflictDoNothing({ target: [enfDeviceReadings.deviceCode, enfDeviceReadings.messageId] })
        .returning();
      if (inserted)
        await addToRollup(
          tx,
          READING_DAYS,
          sql`select ${beijingDay(sql`${inserted.measuredAt.toISOString()}::timestamptz`)}, ${inserted.deviceCode}::text, 1, ${inserted.breathTestId ? 1 : 0}`,
        );
      return inserted;
    }),
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
  /** Links an unlinked reading to a test, with its rollup (one statement). */
  linkReading: (db: DbOrTx, id: number, breathTestId: string) =>
    linkedToRollup(
      db,
      db
        .update(enfDeviceReadings)
        .set({ breathTestId })
        .where(and(eq(enfDeviceReadings.id, id), isNull(enfDeviceReadings.breathTestId)))
        .returning({ deviceCode: enfDeviceReadings.deviceCode, measuredAt: enfDeviceReadings.measuredAt }),
    ),

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
  /** P5 statistics (N2/N3): readings and linked ones per device and day, from the rollup, in the P5 scope. */
  readingStats(db: DbOrTx, principal: Principal, q: ReadingFilter) {
    const t = READING_DAYS.table;
    return db
      .select({ deviceCode: t.deviceCode, day: sql<string>`${t.day}::text`, readings: t.readings, linked: t.linked })
      .from(t)
      .where(readingDaysWhere(principal, q))
      .orderBy(desc(t.day), asc(t.deviceCode))
      .limit(1000);
  },
  /** readingStats by a GROUP BY over the raw readings: the reference the rollup is tested and benchmarked against. */
  readingStatsRaw(db: DbOrTx, principal: Principal, q: ReadingFilter) {
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
