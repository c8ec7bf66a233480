import { DEPARTMENT_LEVELS, type Department, type DepartmentBody } from '@shtp/core/system';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { departmentInScope } from '../../platform/rbac/data-scope.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { type DepartmentRow, departmentsRepository as repo, toDepartment } from './departments.repository.ts';
import { departmentsWorkbookStream } from './system-export.ts';

const levelIndex = (level: string) => DEPARTMENT_LEVELS.indexOf(level as (typeof DEPARTMENT_LEVELS)[number]);

export class DepartmentsService {
  constructor(private readonly db: Db) {}

  async list(principal: Principal): Promise<Department[]> {
    return (await repo.list(this.db, principal)).map(toDepartment);
  }

  /** The departments of the data scope as an .xlsx stream, each after its parent (tree order); the export is audited. */
  async export(principal: Principal, actor: Actor) {
    const rows = (await repo.list(this.db, principal)).sort((a, b) => a.path.localeCompare(b.path));
    await audit(this.db, actor, { action: 'dept.export', targetType: 'department', details: { count: rows.length } });
    return departmentsWorkbookStream(rows.map(toDepartment));
  }

  async create(principal: Principal, body: DepartmentBody, actor: Actor): Promise<Department> {
    return this.db.transaction(async (tx) => {
      const parent = await this.checkPlacement(tx, principal, body, null);
      await this.checkCodeFree(tx, body.code, null);
      const row = await repo.insert(tx, body, parent?.path ?? '/');
      await audit(tx, actor, {
        action: 'dept.create',
        targetType: 'department',
        targetId: row.id,
        details: { code: row.code, name: row.name, parentId: row.parentId },
      });
      return toDepartment(row);
    });
  }

  async update(principal: Principal, id: number, body: DepartmentBody, actor: Actor): Promise<Department> {
    return this.db.transaction(async (tx) => {
      const current = await this.visible(tx, principal, id);
      const parent = await this.checkPlacement(tx, principal, body, current);
      await this.checkCodeFree(tx, body.code, id);
      // The node and its whole subtree get the new path prefix in one statement.
      if (current.parentId !== body.parentId) await repo.movePaths(tx, current.path, `${parent?.path ?? '/'}${id}/`);
      const row = await repo.update(tx, id, body);
      await audit(tx, actor, { action: 'dept.update', targetType: 'department', targetId: id, details: changes(current, row) });
      return toDepartment(row);
    });
  }

  async delete(principal: Principal, id: number, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await this.visible(tx, principal, id);
      if (await repo.childCount(tx, id)) throw conflict('DEPT_NOT_EMPTY', '该部门下还有下级部门，不能删除');
      if (await repo.userCount(tx, id)) throw conflict('DEPT_NOT_EMPTY', '该部门下有用户（含已删除用户的历史记录），不能删除，可改为停用');
      await repo.delete(tx, id);
      await audit(tx, actor, { action: 'dept.delete', targetType: 'department', targetId: id, details: { code: current.code, name: current.name } });
    });
  }

  private async visible(db: DbOrTx, principal: Principal, id: number): Promise<DepartmentRow> {
    const row = await repo.byId(db, id);
    if (!row || !departmentInScope(principal, row.path)) throw notFound('部门');
    return row;
  }

  /** Parent exists and is in scope, the level is one below the parent's, and the node does not move under itself. */
  private async checkPlacement(db: DbOrTx, principal: Principal, body: DepartmentBody, current: DepartmentRow | null): Promise<DepartmentRow | null> {
    if (body.parentId === null) {
      if (body.level !== '总队') throw badRequest('VALIDATION_FAILED', '只有总队可以没有上级部门', [{ field: 'parentId', message: '请选择上级部门' }]);
      if (!departmentInScope(principal, '/')) throw forbidden('只有全局数据范围的管理员可以创建顶级部门');
      if (current && current.parentId !== null)
        throw badRequest('VALIDATION_FAILED', '不能把下级部门改为顶级部门', [{ field: 'parentId', message: '请选择上级部门' }]);
      return null;
    }
    const parent = await repo.byId(db, body.parentId);
    if (!parent || !departmentInScope(principal, parent.path)) {
      throw badRequest('VALIDATION_FAILED', '上级部门不存在或不在您的管理范围内', [{ field: 'parentId', message: '上级部门不存在或无权访问' }]);
    }
    if (current && parent.path.startsWith(current.path)) {
      throw badRequest('VALIDATION_FAILED', '不能把部门移动到它自己或它的下级部门之下', [{ field: 'parentId', message: '上级部门不能是本部门或其下级' }]);
    }
    if (levelIndex(body.level) !== levelIndex(parent.level) + 1) {
      const expected = DEPARTMENT_LEVELS[levelIndex(parent.level) + 1];
      const message = expected ? `${parent.level}的下级部门层级应为${expected}` : `${parent.level}下不能再设下级部门`;
      throw badRequest('VALIDATION_FAILED', message, [{ field: 'level', message }]);
    }
    if (current && current.level !== body.level && (await repo.childCount(db, current.id))) {
      throw badRequest('VALIDATION_FAILED', '有下级部门的部门不能改变层级', [{ field: 'level', message: '有下级部门时不能改变层级' }]);
    }
    return parent;
  }

  private async checkCodeFree(db: DbOrTx, code: string, selfId: number | null): Promise<void> {
    const other = await repo.byCode(db, code);
    if (other && other.id !== selfId) throw conflict('DUPLICATE', '部门代码已被使用', [{ field: 'code', message: `部门代码 ${code} 已被“${other.name}”使用` }]);
  }
}

function changes(before: DepartmentRow, after: DepartmentRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['parentId', 'code', 'name', 'level', 'sort', 'enabled'] as const) {
    if (before[k] !== after[k]) out[k] = { from: before[k], to: after[k] };
  }
  return out;
}
