import { and, asc, eq } from 'drizzle-orm';
import { blobHolders } from '../../../platform/blobs/blobs.repository.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { enfBreathTests, enfDetentions, enfPhotos, enfViolations } from '../enforcement.table.ts';

export type PhotoRow = typeof enfPhotos.$inferSelect;
export const PHOTO_RECORDS = { violation: enfViolations, 'breath-test': enfBreathTests, detention: enfDetentions } as const;
export type PhotoRecordType = keyof typeof PHOTO_RECORDS;

export const photosRepository = {
  /** The image store's holder: photos are never erased from the shared store while a record names them. */
  heldImages: blobHolders.column(enfPhotos.digest),

  /** The department of the record a photo belongs to (undefined: no such record). */
  async recordDepartment(db: DbOrTx, type: PhotoRecordType, id: string): Promise<number | undefined> {
    const t = PHOTO_RECORDS[type];
    return (await db.select({ departmentId: t.departmentId }).from(t).where(eq(t.id, id)))[0]?.departmentId;
  },
  /** Whether the record exists within the reader's data scope. */
  async recordInScope(db: DbOrTx, principal: Principal, type: PhotoRecordType, id: string): Promise<boolean> {
    const t = PHOTO_RECORDS[type];
    const [row] = await db
      .select({ id: t.id })
      .from(t)
      .where(and(eq(t.id, id), scopeCondition(principal, { department: t.departmentId, owner: t.officerId })));
    return !!row;
  },
  byIdInScope: async (db: DbOrTx, principal: Principal, id: string) =>
    (
      await db
        .select()
        .from(enfPhotos)
        .where(and(eq(enfPhotos.id, id), scopeCondition(principal, { department: enfPhotos.departmentId, owner: enfPhotos.officerId })))
    )[0],
  byId: async (db: DbOrTx, id: string) => (await db.select().from(enfPhotos).where(eq(enfPhotos.id, id)))[0],
  byRecordAndDigest: async (db: DbOrTx, recordId: string, digest: string) =>
    (
      await db
        .select()
        .from(enfPhotos)
        .where(and(eq(enfPhotos.recordId, recordId), eq(enfPhotos.digest, digest)))
    )[0],
  /** Inserts once per photo ID and once per (record, content): a resent photo is not stored twice. */
  insert: async (db: DbOrTx, row: typeof enfPhotos.$inferInsert) => (await db.insert(enfPhotos).values(row).onConflictDoNothing().returning())[0],
  ofRecord: (db: DbOrTx, recordId: string) => db.select().from(enfPhotos).where(eq(enfPhotos.recordId, recordId)).orderBy(asc(enfPhotos.createdAt)).limit(50),
};
