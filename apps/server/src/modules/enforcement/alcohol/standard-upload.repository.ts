import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { departments } from '../../../platform/rbac/rbac.table.ts';
import { enfBloodSamples, enfBreathTests, enfStandardUploads } from '../enforcement.table.ts';

export type StandardUploadRow = typeof enfStandardUploads.$inferSelect;
type Upload = Omit<typeof enfStandardUploads.$inferInsert, 'updatedAt'>;

/** SQL of P3/P6 按标准上传: the records as they go up, and where each upload stands. */
export const standardUploadRepository = {
  breathTest: async (db: DbOrTx, id: string) =>
    (
      await db
        .select({ t: enfBreathTests, departmentCode: departments.code })
        .from(enfBreathTests)
        .innerJoin(departments, eq(departments.id, enfBreathTests.departmentId))
        .where(eq(enfBreathTests.id, id))
    )[0],

  bloodSample: async (db: DbOrTx, id: string) =>
    (
      await db
        .select({ s: enfBloodSamples, departmentCode: departments.code })
        .from(enfBloodSamples)
        .innerJoin(departments, eq(departments.id, enfBloodSamples.departmentId))
        .where(eq(enfBloodSamples.id, id))
    )[0],

  state: async (db: DbOrTx, recordType: string, recordId: string): Promise<StandardUploadRow | undefined> =>
    (
      await db.select().from(enfStandardUploads).where(sql`${enfStandardUploads.recordType} = ${recordType} and ${enfStandardUploads.recordId} = ${recordId}`)
    )[0],

  async save(db: DbOrTx, row: Upload): Promise<void> {
    const { recordType, recordId, ...rest } = row;
    await db
      .insert(enfStandardUploads)
      .values(row)
      .onConflictDoUpdate({ target: [enfStandardUploads.recordType, enfStandardUploads.recordId], set: { ...rest, updatedAt: sql`now()` } });
  },
};
