import type { Department } from '@shtp/core/system';
import { sql } from 'drizzle-orm';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import { queryRows } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { departmentInScope, scopeCondition } from '../../platform/rbac/data-scope.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments } from '../../platform/rbac/rbac.table.ts';
import type { SystemApi } from '../system/system.api.ts';
import { ebikeParams } from './ebike.params.ts';
import { PlatePool } from './plate-pool.ts';

/** 号牌管理: number series per department and kind, and what is left in each pool. */
export class PlatesService {
  private readonly pool = new PlatePool();
  constructor(
    private readonly platform: Platform,
    private readonly system: () => SystemApi,
  ) {}

  async generate(principal: Principal, actor: Actor, b: { plateKind: string; departmentId: number; prefix: string; from: number; count: number }) {
    const patterns = await this.platform.params.get(ebikeParams.platePatterns);
    const added = await this.platform.db.transaction(async (tx) => {
      const [dept] = await queryRows<{ path: string }>(tx, sql`select path from departments where id = ${b.departmentId}`);
      if (!dept || !departmentInScope(principal, dept.path)) throw notFound('部门');
      const n = await this.pool.generate(tx, { ...b, patterns });
      await audit(tx, actor, { action: 'ebike.plate.generate', targetType: 'department', targetId: b.departmentId, details: { ...b, added: n } });
      return n;
    });
    return { added, skipped: b.count - added };
  }

  /** The pools of the departments in the user's data scope, counted by state (a returned number cools first). */
  async stats(principal: Principal) {
    const inScope = scopeCondition(principal, { department: departments.id }) ?? sql`true`;
    return queryRows<{ departmentId: number; departmentName: string; plateKind: string; status: string; count: number }>(
      this.platform.db,
      sql`select p.department_id as "departmentId", ${departments.name} as "departmentName", p.plate_kind as "plateKind",
                 case when p.status = 'free' and p.available_from > now() then 'cooling' else p.status end as status, count(*)::int as count
          from ebike_plates p join ${departments} on ${departments.id} = p.department_id
          where ${inScope}
          group by 1, 2, 3, 4 order by 1, 3, 4`,
    );
  }

  /** Where a plate manager may put a new series: the enabled departments of their data scope, ready for a tree. */
  async departments(principal: Principal): Promise<Department[]> {
    return this.system().enabledDepartments(principal);
  }
}
