import { and, desc, eq, getTableColumns, gt, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { type DbOrTx, isTransaction, queryRows } from '../../platform/db/client.ts';
import { preparedPerDatabase } from '../../platform/db/prepared.ts';
import { departments } from '../../platform/rbac/rbac.table.ts';
import { ebikeBusinesses, ebikeLshSeq, nmVehicles } from './ebike.table.ts';

export type VehicleRow = typeof nmVehicles.$inferSelect;
export type BusinessRow = typeof ebikeBusinesses.$inferSelect;
export type VehicleWithDept = VehicleRow & {
  departmentName: string;
  departmentPath: string;
  lockDepartmentName: string | null;
  lockDepartmentPath: string | null;
};

const lockDept = sql`(select d.name from departments d where d.id = ${nmVehicles.lockDepartmentId})`;
const lockDeptPath = sql`(select d.path from departments d where d.id = ${nmVehicles.lockDepartmentId})`;

const selectVehicle = (db: DbOrTx) =>
  db
    .select({
      v: nmVehicles,
      departmentName: departments.name,
      departmentPath: departments.path,
      lockDepartmentName: sql<string | null>`${lockDept}`,
      lockDepartmentPath: sql<string | null>`${lockDeptPath}`,
    })
    .from(nmVehicles)
    .innerJoin(departments, eq(departments.id, nmVehicles.departmentId));
type VehicleSelection = Awaited<ReturnType<typeof selectVehicle>>[number];
const vehicleById = preparedPerDatabase((db) =>
  selectVehicle(db)
    .where(eq(nmVehicles.id, sql.placeholder('id')))
    .prepare('ebike_vehicle_by_id'),
);

const selectHistory = (db: DbOrTx) =>
  db
    .select({
      b: ebikeBusinesses,
      departmentName: departments.name,
      correctsLsh: sql<string | null>`(select c.lsh from ebike_businesses c where c.id = ${ebikeBusinesses.correctsId})`,
    })
    .from(ebikeBusinesses)
    .innerJoin(departments, eq(departments.id, ebikeBusinesses.departmentId));
const historyOf = preparedPerDatabase((db) =>
  selectHistory(db)
    .where(eq(ebikeBusinesses.vehicleId, sql.placeholder('vehicleId')))
    .orderBy(desc(ebikeBusinesses.id))
    .prepare('ebike_vehicle_history'),
);

/** All SQL of the e-bike module's own tables. */
export const ebikeRepository = {
  /** The vehicle with its department (and lock department); prepared outside a transaction (the vehicle page, N1). */
  async vehicle(db: DbOrTx, id: number, forUpdate = false): Promise<VehicleWithDept | undefined> {
    let rows: VehicleSelection[];
    if (isTransaction(db) || forUpdate) {
      const q = selectVehicle(db).where(eq(nmVehicles.id, id));
      rows = forUpdate ? await q.for('update', { of: nmVehicles }) : await q;
    } else rows = await vehicleById(db).execute({ id });
    const r = rows[0];
    return (
      r && {
        ...r.v,
        departmentName: r.departmentName,
        departmentPath: r.departmentPath,
        lockDepartmentName: r.lockDepartmentName,
        lockDepartmentPath: r.lockDepartmentPath,
      }
    );
  },

  async liveByZcbm(db: DbOrTx, zcbm: string): Promise<{ id: number; plate: string | null } | undefined> {
    const rows = await db
      .select({ id: nmVehicles.id, plate: nmVehicles.plate })
      .from(nmVehicles)
      .where(and(eq(nmVehicles.zcbm, zcbm), eq(nmVehicles.cancelled, false)));
    return rows[0];
  },

  async insertVehicle(db: DbOrTx, values: typeof nmVehicles.$inferInsert): Promise<number> {
    const [row] = await db.insert(nmVehicles).values(values).returning({ id: nmVehicles.id });
    return row!.id;
  },

  /** Writes the projection if nobody changed it since `version` (optimistic locking); false otherwise. */
  async updateVehicle(db: DbOrTx, id: number, version: number, values: Partial<typeof nmVehicles.$inferInsert>): Promise<boolean> {
    const rows = await db
      .update(nmVehicles)
      .set({ ...values, version: version + 1, updatedAt: sql`now()` })
      .where(and(eq(nmVehicles.id, id), eq(nmVehicles.version, version)))
      .returning({ id: nmVehicles.id });
    return rows.length === 1;
  },

  /** Vehicle ids after `after`, in order: the projection check walks the table in keyset batches. */
  async vehicleIdsAfter(db: DbOrTx, after: number, limit: number): Promise<number[]> {
    const rows = await db.select({ id: nmVehicles.id }).from(nmVehicles).where(gt(nmVehicles.id, after)).orderBy(nmVehicles.id).limit(limit);
    return rows.map((r) => r.id);
  },

  /** 整车编码 of the live vehicles carrying these plates. */
  async liveCodesByPlate(db: DbOrTx, plates: readonly string[]): Promise<{ plate: string | null; zcbm: string }[]> {
    if (plates.length === 0) return [];
    return db
      .select({ plate: nmVehicles.plate, zcbm: nmVehicles.zcbm })
      .from(nmVehicles)
      .where(and(inArray(nmVehicles.plate, [...plates]), eq(nmVehicles.cancelled, false)));
  },

  /** Vehicles changed after a watermark (updated_at as text, id), oldest first, up to `before` (changes still committing stay for later). */
  async changedAfter(db: DbOrTx, after: { at: string; id: number } | null, before: Date, limit: number): Promise<(VehicleRow & { changedAt: string })[]> {
    const since = after ? sql`(${nmVehicles.updatedAt}, ${nmVehicles.id}) > (${after.at}::timestamptz, ${after.id})` : sql`true`;
    return (
      db
        // The time as PostgreSQL text keeps its microseconds (a JS Date would cut them and read the last row again).
        .select({ ...getTableColumns(nmVehicles), changedAt: sql<string>`${nmVehicles.updatedAt}::text` })
        .from(nmVehicles)
        .where(and(since, sql`${nmVehicles.updatedAt} < ${before.toISOString()}::timestamptz`))
        .orderBy(nmVehicles.updatedAt, nmVehicles.id)
        .limit(limit)
    );
  },

  /** Businesses accepted in [from, to) after a watermark, oldest first (the archive's scan for businesses never opened). */
  acceptedBetween: (db: DbOrTx, window: { from: Date; to: Date }, after: { at: string; id: number } | null, limit: number) =>
    db
      .select({
        id: ebikeBusinesses.id,
        lsh: ebikeBusinesses.lsh,
        type: ebikeBusinesses.type,
        departmentId: ebikeBusinesses.departmentId,
        acceptedAt: ebikeBusinesses.createdAt,
        at: sql<string>`${ebikeBusinesses.createdAt}::text`,
      })
      .from(ebikeBusinesses)
      .where(
        and(
          gte(ebikeBusinesses.createdAt, window.from),
          lt(ebikeBusinesses.createdAt, window.to),
          after ? sql`(${ebikeBusinesses.createdAt}, ${ebikeBusinesses.id}) > (${after.at}::timestamptz, ${after.id})` : undefined,
        ),
      )
      .orderBy(ebikeBusinesses.createdAt, ebikeBusinesses.id)
      .limit(limit),

  /** The record's security label (AC-6): not a registration item, so neither the ledger nor `version` moves. */
  async setSecurityLabel(db: DbOrTx, id: number, label: string) {
    await db.update(nmVehicles).set({ securityLabel: label, updatedAt: sql`now()` }).where(eq(nmVehicles.id, id));
  },

  /** 流水号: yyMMdd (Shanghai time) + 7 digits of a sequence. */
  async nextLsh(db: DbOrTx): Promise<string> {
    const [row] = await queryRows<{ lsh: string }>(
      db,
      sql`select to_char(now() at time zone 'Asia/Shanghai', 'YYMMDD') || lpad(nextval(${sql.raw(`'${ebikeLshSeq.seqName}'`)})::text, 7, '0') as lsh`,
    );
    return row!.lsh;
  },

  async insertBusiness(db: DbOrTx, values: typeof ebikeBusinesses.$inferInsert): Promise<BusinessRow> {
    const [row] = await db.insert(ebikeBusinesses).values(values).returning();
    return row!;
  },

  async businessByRequestKey(db: DbOrTx, key: string): Promise<BusinessRow | undefined> {
    const rows = await db.select().from(ebikeBusinesses).where(eq(ebikeBusinesses.requestKey, key));
    return rows[0];
  },

  async business(db: DbOrTx, id: number): Promise<BusinessRow | undefined> {
    const rows = await db.select().from(ebikeBusinesses).where(eq(ebikeBusinesses.id, id));
    return rows[0];
  },

  /** A vehicle's businesses, newest first; prepared outside a transaction (the vehicle page, N1). */
  async history(db: DbOrTx, vehicleId: number): Promise<(BusinessRow & { departmentName: string; correctsLsh: string | null })[]> {
    const rows = isTransaction(db)
      ? await selectHistory(db).where(eq(ebikeBusinesses.vehicleId, vehicleId)).orderBy(desc(ebikeBusinesses.id))
      : await historyOf(db).execute({ vehicleId });
    return rows.map((r) => ({ ...r.b, departmentName: r.departmentName, correctsLsh: r.correctsLsh }));
  },

  async businessByLsh(db: DbOrTx, lsh: string): Promise<BusinessRow | undefined> {
    const rows = await db.select().from(ebikeBusinesses).where(eq(ebikeBusinesses.lsh, lsh));
    return rows[0];
  },

  /** What decides whether a caller may see a business: its vehicle's department path and security label. */
  async businessReach(db: DbOrTx, lsh: string): Promise<{ departmentPath: string; securityLabel: string } | undefined> {
    const [row] = await queryRows<{ departmentPath: string; securityLabel: string }>(
      db,
      sql`select d.path as "departmentPath", v.security_label as "securityLabel" from ebike_businesses b
          join nm_vehicles v on v.id = b.vehicle_id join departments d on d.id = v.department_id where b.lsh = ${lsh}`,
    );
    return row;
  },

  /** Serial numbers of signed businesses after `after`, in order: a page of a walk over the whole ledger. */
  async signedLshAfter(db: DbOrTx, after: string | null, limit: number): Promise<string[]> {
    const rows = await db
      .select({ lsh: ebikeBusinesses.lsh })
      .from(ebikeBusinesses)
      .where(and(isNotNull(ebikeBusinesses.signature), after === null ? undefined : gt(ebikeBusinesses.lsh, after)))
      .orderBy(ebikeBusinesses.lsh)
      .limit(limit);
    return rows.map((r) => r.lsh);
  },

  async setUpload(
    db: DbOrTx,
    id: number,
    values: Partial<Pick<BusinessRow, 'uploadStatus' | 'uploadRemoteId' | 'uploadError' | 'uploadAttempts' | 'uploadedAt' | 'uploadKey'>>,
  ) {
    await db.update(ebikeBusinesses).set(values).where(eq(ebikeBusinesses.id, id));
  },
};
