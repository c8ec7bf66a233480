import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { departments } from '../../../platform/rbac/rbac.table.ts';
import { enfBloodSamples, enfBreathTests, enfStandardUploadAttempts, enfStandardUploads } from '../enforcement.table.ts';

export type StandardUploadRow = typeof enfStandardUploads.$inferSelect;
export type StandardUploadAttemptRow = typeof enfStandardUploadAttempts.$inferSelect;
type Upload = Omit<typeof enfStandardUploads.$inferInsert, 'updatedAt'>;
type Kind = 'breath' | 'blood';

const ofRecord = (recordType: Kind, recordId: string) => sql`${enfStandardUploads.recordType} = ${recordType} and ${enfStandardUploads.recordId} = ${recordId}`;
const attemptsOf = (recordType: Kind, recordId: string) =>
  and(eq(enfStandardUploadAttempts.recordType, recordType), eq(enfStandardUploadAttempts.recordId, recordId));

/** SQL of P3/P6 按标准上传: the records as they go up, where each upload stands, and every attempt. */
export const standardUploadRepository = {
  breathTest: async (db: DbOrTx, id: string) =>
    (
      await db
        .select({ t: enfBreathTests, departmentCode: departments.code, departmentPath: departments.path })
        .from(enfBreathTests)
        .innerJoin(departments, eq(departments.id, enfBreathTests.departmentId))
        .where(eq(enfBreathTests.id, id))
    )[0],

  bloodSample: async (db: DbOrTx, id: string) =>
    (
      await db
        .select({ s: enfBloodSamples, departmentCode: departments.code, departmentPath: departments.path })
        .from(enfBloodSamples)
        .innerJoin(departments, eq(departments.id, enfBloodSamples.departmentId))
        .where(eq(enfBloodSamples.id, id))
    )[0],

  state: async (db: DbOrTx, recordType: Kind, recordId: string): Promise<StandardUploadRow | undefined> =>
    (await db.select().from(enfStandardUploads).where(ofRecord(recordType, recordId)))[0],
  /** Locked: a resend and the job (or a second resend) take their turns on the record's upload. */
  stateForUpdate: async (db: DbOrTx, recordType: Kind, recordId: string): Promise<StandardUploadRow | undefined> =>
    (await db.select().from(enfStandardUploads).where(ofRecord(recordType, recordId)).for('update'))[0],

  async save(db: DbOrTx, row: Upload): Promise<void> {
    const { recordType, recordId, ...rest } = row;
    await db
      .insert(enfStandardUploads)
      .values(row)
      .onConflictDoUpdate({ target: [enfStandardUploads.recordType, enfStandardUploads.recordId], set: { ...rest, updatedAt: sql`now()` } });
  },
  /** A corrected record waits for its resend: pending, the rejection kept in its attempt. */
  markPending: (db: DbOrTx, recordType: Kind, recordId: string) =>
    db.update(enfStandardUploads).set({ status: 'pending', error: null, updatedAt: sql`now()` }).where(ofRecord(recordType, recordId)),

  saveAttempt: (db: DbOrTx, row: typeof enfStandardUploadAttempts.$inferInsert) => db.insert(enfStandardUploadAttempts).values(row).onConflictDoNothing(),
  attempts: (db: DbOrTx, recordType: Kind, recordId: string) =>
    db.select().from(enfStandardUploadAttempts).where(attemptsOf(recordType, recordId)).orderBy(enfStandardUploadAttempts.attemptNo).limit(200),
  lastAttempt: async (db: DbOrTx, recordType: Kind, recordId: string): Promise<StandardUploadAttemptRow | undefined> =>
    (await db.select().from(enfStandardUploadAttempts).where(attemptsOf(recordType, recordId)).orderBy(desc(enfStandardUploadAttempts.attemptNo)).limit(1))[0],

  correctBreathTest: (db: DbOrTx, id: string, c: { testerCode: string; place: string; plate: string | null }) =>
    db.update(enfBreathTests).set(c).where(eq(enfBreathTests.id, id)),
  correctBloodSample: (db: DbOrTx, id: string, c: { sampleNo: string; institution: string }) =>
    db.update(enfBloodSamples).set(c).where(eq(enfBloodSamples.id, id)),
  sampleNoTaken: async (db: DbOrTx, sampleNo: string, exceptId: string) =>
    (
      await db
        .select({ id: enfBloodSamples.id })
        .from(enfBloodSamples)
        .where(and(eq(enfBloodSamples.sampleNo, sampleNo), ne(enfBloodSamples.id, exceptId)))
        .limit(1)
    ).length > 0,
};
