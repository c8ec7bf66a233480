import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type Tx } from '../../../platform/db/client.ts';
import { ebikeBusinesses, ebikePlates, nmVehicles } from '../ebike.table.ts';

export type DemoVehicle = typeof nmVehicles.$inferInsert & { id: number };

/** All SQL of the demo population: migrated vehicles with their businesses and plates, written in batches. */
export const demoPopulationRepository = {
  /** The district detachments (支队 of the Shanghai districts), which receive the demo vehicles. */
  districtDetachments(db: DbOrTx): Promise<{ id: number; code: string }[]> {
    return queryRows(db, sql`select id, code from departments where level = '支队' and code like '31%000000'`);
  },

  /** The population's vehicles so far (registered from `from` on: the paper-era ones are not of the population). */
  async vehicleCount(db: DbOrTx, from: number): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from nm_vehicles where registered_at >= ${new Date(from).toISOString()}::timestamptz`,
    );
    return row?.n ?? 0;
  },

  async legacyCount(db: DbOrTx, before: Date): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from nm_vehicles where registered_at < ${before.toISOString()}::timestamptz`,
    );
    return row?.n ?? 0;
  },

  /** Takes `count` vehicle ids from the identity sequence, so that a batch is prepared (signed) before its transaction. */
  async reserveVehicleIds(db: DbOrTx, count: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select nextval(pg_get_serial_sequence('nm_vehicles', 'id'))::bigint::float8 as id from generate_series(1, ${count})`,
    );
    return rows.map((r) => Number(r.id));
  },

  /** Inserts vehicles with their reserved ids. */
  async insertVehicles(tx: Tx, values: DemoVehicle[]): Promise<void> {
    await tx.insert(nmVehicles).overridingSystemValue().values(values);
  },

  async insertBusinesses(tx: Tx, values: (typeof ebikeBusinesses.$inferInsert)[]): Promise<void> {
    await tx.insert(ebikeBusinesses).values(values);
  },

  /** Marks the vehicles' plates allocated, adding those the pool does not have. */
  async allocatePlates(tx: Tx, plates: { plate: string; plateKind: string; departmentId: number; vehicleId: number }[]): Promise<void> {
    if (plates.length === 0) return; // every vehicle of the part cancelled (the paper-era ones)
    await tx
      .insert(ebikePlates)
      .values(plates.map((p) => ({ ...p, status: 'allocated' })))
      .onConflictDoUpdate({
        target: ebikePlates.plate,
        set: { status: 'allocated', vehicleId: sql`excluded.vehicle_id`, departmentId: sql`excluded.department_id` },
      });
  },
};
