import { and, asc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { blobHolders } from '../../../platform/blobs/blobs.repository.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { departments } from '../../../platform/rbac/rbac.table.ts';
import { tempplateBusinesses, tempplateParamSets } from '../tempplate.table.ts';

export type BusinessRow = typeof tempplateBusinesses.$inferSelect;
export type NewBusiness = typeof tempplateBusinesses.$inferInsert;

const historyColumns = {
  id: tempplateBusinesses.id,
  plate: tempplateBusinesses.plate,
  vin: tempplateBusinesses.vin,
  caseType: tempplateBusinesses.caseType,
  issuedAt: tempplateBusinesses.issuedAt,
  validFrom: tempplateBusinesses.validFrom,
  validTo: tempplateBusinesses.validTo,
};

/** The plates issued in [from, until] whose column has this value, oldest first (at most 200: a rule needs no more). */
function plateHistory(db: DbOrTx, column: AnyPgColumn, value: string, from: Date, until: Date) {
  return db
    .select(historyColumns)
    .from(tempplateBusinesses)
    .where(and(eq(column, value), gte(tempplateBusinesses.issuedAt, from), lte(tempplateBusinesses.issuedAt, until)))
    .orderBy(asc(tempplateBusinesses.issuedAt), asc(tempplateBusinesses.id))
    .limit(200);
}

/**
 * The plates issued in [from, until] whose column has one of these values, with that value as `key`, oldest first:
 * the histories of a whole page of the batch in one query (each business then takes its own window in memory).
 */
function plateHistories(db: DbOrTx, column: AnyPgColumn, values: string[], from: Date, until: Date) {
  if (values.length === 0) return Promise.resolve([]);
  return db
    .select({ key: sql<string>`${column}`, ...historyColumns })
    .from(tempplateBusinesses)
    .where(and(inArray(column, values), gte(tempplateBusinesses.issuedAt, from), lte(tempplateBusinesses.issuedAt, until)))
    .orderBy(asc(tempplateBusinesses.issuedAt), asc(tempplateBusinesses.id));
}

/** SQL of the received businesses and the parameter sets. */
export const businessesRepository = {
  /** The image store's holder: material images are never erased from the shared store while a business names them. */
  heldImages: blobHolders.jsonArray(tempplateBusinesses.images, 'digest'),

  async departmentByCode(db: DbOrTx, code: string) {
    const [d] = await db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.code, code));
    return d;
  },

  /** Inserts a business unless its source id is already there: then the stored one's id and digest. */
  async insertOnce(db: DbOrTx, row: NewBusiness): Promise<{ id: number; inserted: boolean; bodyDigest: string }> {
    const [created] = await db.insert(tempplateBusinesses).values(row).onConflictDoNothing().returning({ id: tempplateBusinesses.id });
    if (created) return { id: created.id, inserted: true, bodyDigest: row.bodyDigest };
    const [existing] = await db
      .select({ id: tempplateBusinesses.id, bodyDigest: tempplateBusinesses.bodyDigest })
      .from(tempplateBusinesses)
      .where(eq(tempplateBusinesses.sourceId, row.sourceId));
    return { ...existing!, inserted: false };
  },

  async bySourceId(db: DbOrTx, sourceId: string) {
    const [row] = await db.select({ id: tempplateBusinesses.id }).from(tempplateBusinesses).where(eq(tempplateBusinesses.sourceId, sourceId));
    return row;
  },

  async byId(db: DbOrTx, id: number): Promise<BusinessRow | undefined> {
    const [row] = await db.select().from(tempplateBusinesses).where(eq(tempplateBusinesses.id, id));
    return row;
  },

  /** The plates of a VIN issued in [from, until] (index tempplate_businesses_vin_idx). */
  vinHistory: (db: DbOrTx, vin: string, from: Date, until: Date) => plateHistory(db, tempplateBusinesses.vin, vin, from, until),

  /** The plates of any of these VINs issued in [from, until], oldest first (the batch's page at once). */
  vinHistories: (db: DbOrTx, vins: string[], from: Date, until: Date) => plateHistories(db, tempplateBusinesses.vin, vins, from, until),

  /** The plates of any of these owner IDs (blind indexes) issued in [from, until], oldest first (the batch's page at once). */
  ownerHistories: (db: DbOrTx, ownerIdIdxs: string[], from: Date, until: Date) => plateHistories(db, tempplateBusinesses.ownerIdIdx, ownerIdIdxs, from, until),

  /** The plates of an owner ID (blind index) issued in [from, until] (index tempplate_businesses_owner_idx). */
  ownerHistory: (db: DbOrTx, ownerIdIdx: string, from: Date, until: Date) => plateHistory(db, tempplateBusinesses.ownerIdIdx, ownerIdIdx, from, until),

  /** The plates of other VINs with this proof-of-origin number issued in [from, until] (index tempplate_businesses_origin_idx; X6). */
  originReuse: async (db: DbOrTx, originNo: string, vin: string, from: Date, until: Date) =>
    (await plateHistory(db, tempplateBusinesses.originNo, originNo, from, until)).filter((h) => h.vin !== vin),

  /** Other owners (blind indexes) whose businesses in [from, until] gave this phone (index tempplate_businesses_phone_idx; X2). */
  async otherOwnersOfPhone(db: DbOrTx, phoneIdx: string, ownerIdIdx: string, from: Date, until: Date): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(distinct ${tempplateBusinesses.ownerIdIdx})::int` })
      .from(tempplateBusinesses)
      .where(
        and(
          eq(tempplateBusinesses.phoneIdx, phoneIdx),
          sql`${tempplateBusinesses.ownerIdIdx} <> ${ownerIdIdx}`,
          gte(tempplateBusinesses.issuedAt, from),
          lte(tempplateBusinesses.issuedAt, until),
        ),
      );
    return row?.n ?? 0;
  },

  /** Plates per officer of a department issued on the Beijing days [from, until] (X7; the department's index). */
  async officerCounts(db: DbOrTx, departmentId: number, from: string, until: string): Promise<{ officer: string; n: number }[]> {
    return db
      .select({ officer: tempplateBusinesses.officer, n: sql<number>`count(*)::int` })
      .from(tempplateBusinesses)
      .where(
        and(
          eq(tempplateBusinesses.departmentId, departmentId),
          gte(tempplateBusinesses.issuedAt, new Date(`${from}T00:00:00+08:00`)),
          sql`${tempplateBusinesses.issuedAt} < ${new Date(Date.parse(`${until}T00:00:00+08:00`) + 86_400_000)}`,
        ),
      )
      .groupBy(tempplateBusinesses.officer)
      .orderBy(tempplateBusinesses.officer);
  },

  /** One page of the businesses issued in [from, to), in id order after `afterId`: the batch walks the window. */
  async pageInWindow(db: DbOrTx, from: Date, to: Date, afterId: number, limit: number): Promise<BusinessRow[]> {
    return db
      .select()
      .from(tempplateBusinesses)
      .where(and(gte(tempplateBusinesses.issuedAt, from), sql`${tempplateBusinesses.issuedAt} < ${to}`, gt(tempplateBusinesses.id, afterId)))
      .orderBy(asc(tempplateBusinesses.id))
      .limit(limit);
  },

  /** The version of a parameter set, recorded once per distinct set of values. */
  async paramSetVersion(db: DbOrTx, digest: string, values: Record<string, unknown>): Promise<number> {
    await db.insert(tempplateParamSets).values({ digest, values }).onConflictDoNothing();
    const [row] = await db.select({ version: tempplateParamSets.version }).from(tempplateParamSets).where(eq(tempplateParamSets.digest, digest));
    return row!.version;
  },

  async paramSets(db: DbOrTx, limit: number) {
    return db.select().from(tempplateParamSets).orderBy(sql`${tempplateParamSets.version} desc`).limit(limit);
  },
};
