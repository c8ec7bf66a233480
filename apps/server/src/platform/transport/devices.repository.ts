import type { DeviceCapability, DeviceListQuery, DeviceStatus } from '@shtp/core/platform';
import { and, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { departments, users } from '../rbac/rbac.table.ts';
import { pdaDevices } from './transport.table.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const listColumns = { d: pdaDevices, departmentName: departments.name, createdByName: users.displayName };
export type DeviceRow = { d: typeof pdaDevices.$inferSelect; departmentName: string; createdByName: string | null };

/** What the envelope hook needs to trust a sender. */
export interface DeviceIdentity {
  id: number;
  code: string;
  status: DeviceStatus;
  publicKey: string;
  capabilities: DeviceCapability[];
  /** The materialised path of the device's department: officers of that department and below may use it. */
  departmentPath: string;
}

/** All SQL of the PDA device register. */
export const devicesRepository = {
  async list(db: DbOrTx, q: DeviceListQuery): Promise<{ rows: DeviceRow[]; total: number }> {
    const where: SQL[] = [];
    if (q.status) where.push(eq(pdaDevices.status, q.status));
    if (q.keyword) {
      const k = `%${escapeLike(q.keyword)}%`;
      where.push(or(ilike(pdaDevices.code, k), ilike(pdaDevices.name, k)) as SQL);
    }
    const condition = where.length ? and(...where) : undefined;
    const rows = await db
      .select(listColumns)
      .from(pdaDevices)
      .innerJoin(departments, eq(departments.id, pdaDevices.departmentId))
      .leftJoin(users, eq(users.id, pdaDevices.createdBy))
      .where(condition)
      .orderBy(desc(pdaDevices.createdAt), desc(pdaDevices.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await db.select({ n: count() }).from(pdaDevices).where(condition);
    return { rows, total: total?.n ?? 0 };
  },

  async byId(db: DbOrTx, id: number, lock = false): Promise<DeviceRow | undefined> {
    const query = db
      .select(listColumns)
      .from(pdaDevices)
      .innerJoin(departments, eq(departments.id, pdaDevices.departmentId))
      .leftJoin(users, eq(users.id, pdaDevices.createdBy))
      .where(eq(pdaDevices.id, id));
    const [row] = lock ? await query.for('update', { of: pdaDevices }) : await query;
    return row;
  },

  async identity(db: DbOrTx, code: string): Promise<DeviceIdentity | undefined> {
    const [row] = await db
      .select({
        id: pdaDevices.id,
        code: pdaDevices.code,
        status: pdaDevices.status,
        publicKey: pdaDevices.publicKey,
        capabilities: pdaDevices.capabilities,
        departmentPath: departments.path,
      })
      .from(pdaDevices)
      .innerJoin(departments, eq(departments.id, pdaDevices.departmentId))
      .where(eq(pdaDevices.code, code));
    return row ? { ...row, status: row.status as DeviceStatus, capabilities: row.capabilities as DeviceCapability[] } : undefined;
  },

  async codeTaken(db: DbOrTx, code: string): Promise<boolean> {
    const [row] = await db.select({ id: pdaDevices.id }).from(pdaDevices).where(sql`lower(${pdaDevices.code}) = lower(${code})`);
    return row !== undefined;
  },

  async departmentExists(db: DbOrTx, id: number): Promise<boolean> {
    const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
    return row !== undefined;
  },

  async insert(db: DbOrTx, values: typeof pdaDevices.$inferInsert): Promise<number> {
    const [row] = await db.insert(pdaDevices).values(values).returning({ id: pdaDevices.id });
    return row!.id;
  },

  async update(db: DbOrTx, id: number, set: Partial<typeof pdaDevices.$inferInsert>): Promise<void> {
    await db
      .update(pdaDevices)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(pdaDevices.id, id));
  },

  /** A device was heard from through a valid envelope. */
  async touch(db: DbOrTx, id: number): Promise<void> {
    await db.update(pdaDevices).set({ lastSeenAt: sql`now()` }).where(eq(pdaDevices.id, id));
  },

  async recordAppVersion(db: DbOrTx, id: number, appVersion: string): Promise<void> {
    await db.update(pdaDevices).set({ appVersion, lastSeenAt: sql`now()` }).where(eq(pdaDevices.id, id));
  },
};
