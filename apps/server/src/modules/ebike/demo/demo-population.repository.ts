import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type Tx } from '../../../platform/db/client.ts';
import { ebikeBusinesses, ebikePlates, nmVehicles } from '../ebike.table.ts';

/** All SQL of the demo population: migrated vehicles with their businesses and plates, written in batches. */
export const demoPopulationRepository = {
  /** The district detachments (支队 of the Shanghai districts), which receive the demo vehicles. */
  districtDetachments(db: DbOrTx): Promise<{ id: number; code: string }[]> {
    return queryRows(db, sql`select id, code from departments where level = '支队' and code like '31%000000'`);
  },

  async vehicleCount(db: DbOrTx): Promise<number> {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from nm_vehicles`);
    return row?.n ?? 0;
  },

  async freePlateCount(db: DbOrTx): Promise<number> {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ebike_plates where status = 'free'`);
    return row?.n ?? 0;
  },

  /** Inserts vehicles; returns their ids in order. */
  async insertVehicles(tx: Tx, values: (typeof nmVehicles.$inferInsert)[]): Promise<number[]> {
    const rows = await tx.insert(nmVehicles).values(values).returning({ id: nmVehicles.id });
    return rows.map((r) => r.id);
  },

  async insertBusinesses(tx: Tx, values: (typeof ebikeBusinesses.$inferInsert)[]): Promise<void> {
    await tx.insert(ebikeBusinesses).values(values);
  },

  /** Marks the vehicles' plates allocated, adding those the pool does not have. */
  async allocatePlates(tx: Tx, plates: { plate: string; plateKind: string; departmentId: number; vehicleId: number }[]): Promise<void> {
    await tx
      .insert(ebikePlates)
      .values(plates.map((p) => ({ ...p, status: 'allocated' })))
      .onConflictDoUpdate({
        target: ebikePlates.plate,
        set: { status: 'allocated', vehicleId: sql`excluded.vehicle_id`, departmentId: sql`excluded.department_id` },
      });
  },
};
