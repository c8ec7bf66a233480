import type { Department } from '@shtp/core/system';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { departmentInScope } from '../../platform/rbac/data-scope.ts';
import { type Principal, rbacRepository } from '../../platform/rbac/rbac.repository.ts';
import type { SystemApi } from '../system/system.api.ts';
import { ebikeParams } from './ebike.params.ts';
import { PlatePool } from './plate-pool.ts';
import { platesRepository } from './plates.repository.ts';
import { platesWorkbookStream } from './plates-export.ts';

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
      const path = await rbacRepository.departmentPath(tx, b.departmentId);
      if (path === undefined || !departmentInScope(principal, path)) throw notFound('部门');
      const n = await this.pool.generate(tx, { ...b, patterns });
      await audit(tx, actor, { action: 'ebike.plate.generate', targetType: 'department', targetId: b.departmentId, details: { ...b, added: n } });
      return n;
    });
    return { added, skipped: b.count - added };
  }

  /** The pools of the departments in the user's data scope, counted by state (a returned number cools first). */
  stats(principal: Principal) {
    return platesRepository.stats(this.platform.reports, principal);
  }

  /** Every number of the pools in the data scope as an .xlsx stream (by number); the export is audited. */
  async export(principal: Principal, actor: Actor) {
    await audit(this.platform.db, actor, { action: 'ebike.plate.export', targetType: 'ebike_plate' });
    return platesWorkbookStream(platesRepository.stream(this.platform.db, principal));
  }

  /** Where a plate manager may put a new series: the enabled departments of their data scope, ready for a tree. */
  async departments(principal: Principal): Promise<Department[]> {
    return this.system().enabledDepartments(principal);
  }
}
