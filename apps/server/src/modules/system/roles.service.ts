import type { PermissionNode } from '@shtp/core/platform';
import type { Role, RoleBody } from '@shtp/core/system';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import type { Db, DbOrTx } from '../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../platform/http/errors.ts';
import type { RecordIntegrity } from '../../platform/integrity/record-integrity.ts';
import type { PermissionRegistry } from '../../platform/rbac/permission-registry.ts';
import { adminKindOf } from './role-policy.ts';
import { rolesRepository as repo } from './roles.repository.ts';
import { rolesWorkbookStream } from './system-export.ts';

export class RolesService {
  constructor(
    private readonly db: Db,
    private readonly permissions: PermissionRegistry,
    private readonly integrity: RecordIntegrity,
  ) {}

  list(): Promise<Role[]> {
    return repo.list(this.db);
  }

  /** 角色管理 as Excel (no personal data; audited like every export). */
  async export(actor: Actor) {
    await audit(this.db, actor, { action: 'role.export', targetType: 'role' });
    return rolesWorkbookStream(await repo.list(this.db));
  }

  permissionTree(): PermissionNode[] {
    return this.permissions.tree();
  }

  async create(body: RoleBody, actor: Actor): Promise<Role> {
    const permissions = this.checkPermissions(body.permissions);
    const adminKind = adminKindOf(permissions);
    return this.db.transaction(async (tx) => {
      await this.checkCodeFree(tx, body.code, null);
      const id = await repo.insert(tx, {
        code: body.code,
        name: body.name,
        description: body.description,
        dataScope: body.dataScope,
        adminKind,
        builtIn: false,
      });
      await repo.setPermissions(tx, id, permissions);
      await this.integrity.refresh(tx, 'role', [id]);
      await audit(tx, actor, { action: 'role.create', targetType: 'role', targetId: id, details: { code: body.code, dataScope: body.dataScope, permissions } });
      return (await repo.byId(tx, id))!;
    });
  }

  async update(id: number, body: RoleBody, actor: Actor): Promise<Role> {
    const permissions = this.checkPermissions(body.permissions);
    const adminKind = adminKindOf(permissions);
    return this.db.transaction(async (tx) => {
      const current = await repo.byId(tx, id);
      if (!current) throw notFound('角色');
      if (current.adminKind && current.builtIn) throw conflict('BUILTIN_ROLE', '三员内置角色的权限由系统固定，不能修改');
      if (current.builtIn && body.code !== current.code)
        throw badRequest('VALIDATION_FAILED', '内置角色的代码不能修改', [{ field: 'code', message: '内置角色的代码不能修改' }]);
      await this.checkCodeFree(tx, body.code, id);
      if (adminKind !== current.adminKind && (await repo.holdersWithOtherAdminKind(tx, id, adminKind)) > 0) {
        throw conflict('ADMIN_ROLE_CONFLICT', '三员分立：已有账户同时持有此角色和其他管理员角色，修改后将违反三员互斥，请先调整这些账户的角色');
      }
      await repo.update(tx, id, { code: body.code, name: body.name, description: body.description, dataScope: body.dataScope, adminKind });
      await repo.setPermissions(tx, id, permissions);
      const added = permissions.filter((p) => !current.permissions.includes(p));
      const removed = current.permissions.filter((p) => !permissions.includes(p));
      await this.integrity.refresh(tx, 'role', [id]);
      await audit(tx, actor, {
        action: 'role.update',
        targetType: 'role',
        targetId: id,
        details: {
          code: body.code,
          dataScope: body.dataScope === current.dataScope ? undefined : { from: current.dataScope, to: body.dataScope },
          added,
          removed,
        },
      });
      return (await repo.byId(tx, id))!;
    });
  }

  async delete(id: number, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      const current = await repo.byId(tx, id);
      if (!current) throw notFound('角色');
      if (current.builtIn) throw conflict('BUILTIN_ROLE', '内置角色不能删除');
      if ((await repo.holders(tx, id)) > 0) throw conflict('ROLE_IN_USE', '该角色已分配给用户，请先收回后再删除');
      await repo.delete(tx, id);
      await this.integrity.refresh(tx, 'role', [id]);
      await audit(tx, actor, { action: 'role.delete', targetType: 'role', targetId: id, details: { code: current.code } });
    });
  }

  /** Only catalogue permissions; duplicates dropped. */
  private checkPermissions(permissions: string[]): string[] {
    const unknown = permissions.filter((p) => !this.permissions.has(p));
    if (unknown.length) {
      throw badRequest('VALIDATION_FAILED', `未知的权限：${unknown.slice(0, 5).join('、')}`, [
        { field: 'permissions', message: `未知的权限：${unknown.slice(0, 5).join('、')}` },
      ]);
    }
    return [...new Set(permissions)].sort();
  }

  private async checkCodeFree(db: DbOrTx, code: string, selfId: number | null): Promise<void> {
    const other = await repo.byCode(db, code);
    if (other && other.id !== selfId) throw conflict('DUPLICATE', '角色代码已被使用', [{ field: 'code', message: `角色代码 ${code} 已存在` }]);
  }
}
