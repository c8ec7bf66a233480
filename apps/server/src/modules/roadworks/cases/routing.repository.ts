import { eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import { rwDistrictDepartments } from '../roadworks.table.ts';

/** All SQL of the district → department routing of incoming 一网通办 cases. */
export const routingRepository = {
  /** The mapping with the departments' names (at most one row per district). */
  async all(db: DbOrTx) {
    return queryRows<{ districtCode: string; departmentId: number; departmentName: string }>(
      db,
      sql`select r.district_code as "districtCode", r.department_id as "departmentId", d.name as "departmentName"
          from rw_district_departments r join departments d on d.id = r.department_id order by r.district_code`,
    );
  },

  async set(db: DbOrTx, districtCode: string, departmentId: number, updatedBy: number | null): Promise<void> {
    await db
      .insert(rwDistrictDepartments)
      .values({ districtCode, departmentId, updatedBy })
      .onConflictDoUpdate({ target: rwDistrictDepartments.districtCode, set: { departmentId, updatedBy, updatedAt: new Date() } });
  },

  /** Cases of the district still in the city inbox (none has taken them yet) go to the department; returns how many. */
  async routeInbox(db: DbOrTx, districtCode: string, departmentId: number): Promise<number> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`update rw_cases set department_id = ${departmentId}, version = version + 1
          where department_id is null and district_code = ${districtCode} and status = 'received' returning id`,
    );
    return rows.length;
  },

  /** The department of the first of the districts (in order of preference) that has one; null when none has. */
  async departmentFor(db: DbOrTx, districts: (string | null)[]): Promise<number | null> {
    const codes = districts.filter((d): d is string => d !== null);
    if (codes.length === 0) return null;
    const rows = await queryRows<{ districtCode: string; departmentId: number }>(
      db,
      sql`select district_code as "districtCode", department_id as "departmentId" from rw_district_departments
          where district_code = any(${sql.param(codes)}::text[])`,
    );
    const byDistrict = new Map(rows.map((r) => [r.districtCode, r.departmentId]));
    return codes.map((d) => byDistrict.get(d)).find((d) => d !== undefined) ?? null;
  },

  async clear(db: DbOrTx, districtCode: string): Promise<void> {
    await db.delete(rwDistrictDepartments).where(eq(rwDistrictDepartments.districtCode, districtCode));
  },

  /** The departments a district's cases may go to: enabled 支队 and 大队. */
  async candidates(db: DbOrTx) {
    return queryRows<{ id: number; name: string }>(
      db,
      sql`select id, name from departments where enabled and level in ('支队', '大队') order by path limit 500`,
    );
  },

  async isCandidate(db: DbOrTx, id: number): Promise<boolean> {
    const rows = await queryRows<{ id: number }>(db, sql`select id from departments where id = ${id} and enabled and level in ('支队', '大队')`);
    return rows.length > 0;
  },

  async departmentNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ id: number; name: string }>(db, sql`select id, name from departments where id = any(${sql.param(ids)}::int[])`);
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};
