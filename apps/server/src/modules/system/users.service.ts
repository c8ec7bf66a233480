import type { User, UserAction, UserCreateBody, UserListItem, UserListQuery, UserUpdateBody } from '@shtp/core/system';
import { sm2IsValidPublicKey, sm2PublicKeyFromPem, sm3Hex } from '@shtp/gm';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import type { AuthParams } from '../../platform/auth/auth.params.ts';
import { authRepository } from '../../platform/auth/auth.repository.ts';
import { generateInitialPassword, hashPassword } from '../../platform/auth/password-hash.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound, versionConflict } from '../../platform/http/errors.ts';
import type { RecordIntegrity } from '../../platform/integrity/record-integrity.ts';
import type { ParamsService } from '../../platform/params/params.service.ts';
import { departmentInScope, rowInScope } from '../../platform/rbac/data-scope.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { adminKindOfRoles, adminSeparationRefusal, type SeparationFacts, type SeparationRefusal } from './admin-separation.policy.ts';
import { departmentsRepository } from './departments.repository.ts';
import { checkRoleCombination } from './role-policy.ts';
import { rolesRepository } from './roles.repository.ts';
import { usersWorkbookStream } from './system-export.ts';
import { userActions } from './user-actions.policy.ts';
import type { UserListFilter } from './users.repository.ts';
import { usersRepository as repo, rolesOf, type Selected, type UserRow } from './users.repository.ts';

const REFUSAL_STATUS: Record<SeparationRefusal['code'], number> = { ADMIN_SEPARATION: 403, FORBIDDEN: 403, LAST_ADMIN: 409, OWN_ACCOUNT: 400 };
const AUDIT_ACTION: Record<UserAction, string> = {
  update: 'user.update',
  disable: 'user.update',
  delete: 'user.delete',
  resetPassword: 'user.password.reset',
  setRoles: 'user.roles',
};

/** A 三员分立 refusal: the transaction rolls back, then the refusal is audited on its own. */
class SeparationRefused extends AppError {
  constructor(
    readonly action: UserAction,
    refusal: SeparationRefusal,
  ) {
    super(REFUSAL_STATUS[refusal.code], refusal.code, refusal.message);
  }
}

const enabled = (u: UserRow) => u.status === 'active' && u.deletedAt === null && (u.expiresAt === null || u.expiresAt > new Date());

/** User administration. Every operation is limited to the caller's data scope (AC-5): out of scope reads as not found. */
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly params: ParamsService,
    private readonly authParams: AuthParams,
    private readonly integrity: RecordIntegrity,
  ) {}

  /** The filtered list as an .xlsx stream (newest first); the export itself is audited with its filters. */
  async export(principal: Principal, filters: UserListFilter, actor: Actor) {
    await audit(this.db, actor, { action: 'user.export', targetType: 'user', details: { filters } });
    return usersWorkbookStream(repo.stream(this.db, principal, filters));
  }

  /** One page of users, each with what the caller may do to it (user-actions.policy.ts; the console shows those). */
  async list(principal: Principal, query: UserListQuery): Promise<{ items: UserListItem[]; total: number }> {
    const [page, holders] = await Promise.all([repo.list(this.db, principal, query), repo.enabledAdminRoleHolders(this.db)]);
    const items = page.items.map((row) => {
      const user = row.api;
      const target = targetFacts(row);
      // The list cannot know which roles a change would grant: it assumes a role change keeps the built-in one.
      const facts = {
        actor: actorFacts(principal),
        target,
        enabledHolders: holders.get(target.builtInAdminRole?.id ?? -1) ?? 0,
        nextRoleIds: user.roles.map((r) => r.id),
      };
      return { ...user, actions: userActions(facts) };
    });
    return { items, total: page.total };
  }

  async create(principal: Principal, body: UserCreateBody, actor: Actor): Promise<{ user: User; initialPassword: string }> {
    const initialPassword = generateInitialPassword();
    const hash = await hashPassword(initialPassword, await this.params.get(this.authParams.iterations));
    return this.db.transaction(async (tx) => {
      await this.checkDepartment(tx, principal, body.departmentId);
      if (await repo.usernameTaken(tx, body.username)) {
        throw conflict('DUPLICATE', '用户名已存在', [{ field: 'username', message: `用户名 ${body.username} 已被使用（含已删除的账户）` }]);
      }
      const id = await repo.insert(tx, {
        username: body.username,
        displayName: body.displayName,
        policeNo: body.policeNo,
        departmentId: body.departmentId,
        expiresAt: body.expiresAt ? endOfDay(body.expiresAt) : null,
        passwordHash: hash,
        passwordChangeReason: 'first_login',
        createdBy: principal.user.id,
      });
      await authRepository.recordPasswordHistory(tx, id, hash);
      await this.integrity.refresh(tx, 'user', [id]);
      await audit(tx, actor, {
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        details: { username: body.username, departmentId: body.departmentId },
      });
      return { user: (await repo.byId(tx, id))!.api, initialPassword };
    });
  }

  async update(principal: Principal, id: number, body: UserUpdateBody, actor: Actor): Promise<User> {
    return this.guarded(id, actor, async (tx) => {
      const current = await this.visible(tx, principal, id);
      await this.checkSeparation(tx, principal, 'update', current);
      if (id === principal.user.id && body.status !== 'active')
        throw badRequest('VALIDATION_FAILED', '不能停用自己的账户', [{ field: 'status', message: '不能停用自己的账户' }]);
      // Disabling includes a validity that has already ended.
      const expiresAt = body.expiresAt ? endOfDay(body.expiresAt) : null;
      if (enabled(current.user) && (body.status !== 'active' || (expiresAt && expiresAt < new Date()))) {
        await this.checkSeparation(tx, principal, 'disable', current);
      }
      if (body.departmentId !== current.user.departmentId) await this.checkDepartment(tx, principal, body.departmentId);
      const ok = await repo.update(tx, id, body.version, {
        displayName: body.displayName,
        policeNo: body.policeNo,
        departmentId: body.departmentId,
        status: body.status,
        expiresAt,
      });
      if (!ok) throw versionConflict();
      if (body.status !== 'active') await authRepository.deleteUserSessions(tx, id);
      const after = (await repo.byId(tx, id))!.api;
      await this.integrity.refresh(tx, 'user', [id]);
      await audit(tx, actor, { action: 'user.update', targetType: 'user', targetId: id, details: diff(current.api, after) });
      return after;
    });
  }

  /** Soft delete: the row stays for the audit trail and the username is never reused. */
  async delete(principal: Principal, id: number, actor: Actor): Promise<void> {
    await this.guarded(id, actor, async (tx) => {
      const current = await this.visible(tx, principal, id);
      if (id === principal.user.id) throw badRequest('VALIDATION_FAILED', '不能删除自己的账户');
      await this.checkSeparation(tx, principal, 'delete', current);
      if (!(await repo.update(tx, id, current.user.version, { deletedAt: new Date(), status: 'disabled' }))) throw versionConflict();
      await repo.setRoles(tx, id, []);
      await authRepository.deleteUserSessions(tx, id);
      await this.integrity.refresh(tx, 'user', [id]);
      await audit(tx, actor, { action: 'user.delete', targetType: 'user', targetId: id, details: { username: current.user.username } });
    });
  }

  /** A separated administrator's password only by the security admin (三员分立); ends the account's sessions. */
  async resetPassword(principal: Principal, id: number, actor: Actor): Promise<{ initialPassword: string }> {
    const initialPassword = generateInitialPassword();
    const hash = await hashPassword(initialPassword, await this.params.get(this.authParams.iterations));
    await this.guarded(id, actor, async (tx) => {
      const current = await this.visible(tx, principal, id);
      await this.checkSeparation(tx, principal, 'resetPassword', current);
      await authRepository.setPassword(tx, id, hash, 'reset');
      await authRepository.deleteUserSessions(tx, id);
      await this.integrity.refresh(tx, 'user', [id]);
      const adminKind = current.api.adminKind;
      await audit(tx, actor, {
        action: 'user.password.reset',
        targetType: 'user',
        targetId: id,
        details: { username: current.user.username, ...(adminKind ? { adminKind } : {}) },
      });
    });
    return { initialPassword };
  }

  /** Grants exactly these roles (三员分立 checked here for a clear message, and by the database trigger). */
  async setRoles(principal: Principal, id: number, roleIds: number[], actor: Actor): Promise<User> {
    return this.guarded(id, actor, async (tx) => {
      const current = await this.visible(tx, principal, id);
      if (id === principal.user.id) throw badRequest('VALIDATION_FAILED', '不能修改自己的角色', [{ field: 'roleIds', message: '不能给自己授权' }]);
      const unique = [...new Set(roleIds)];
      const granted = await rolesRepository.byIds(tx, unique);
      if (granted.length !== unique.length) throw badRequest('VALIDATION_FAILED', '所选角色不存在', [{ field: 'roleIds', message: '所选角色不存在' }]);
      checkRoleCombination(granted);
      await this.checkSeparation(tx, principal, 'setRoles', current, unique);
      await repo.setRoles(tx, id, unique);
      const after = (await repo.byId(tx, id))!.api;
      await this.integrity.refresh(tx, 'user', [id]);
      await audit(tx, actor, {
        action: 'user.roles',
        targetType: 'user',
        targetId: id,
        details: { from: current.api.roles.map((r) => r.code), to: after.roles.map((r) => r.code) },
      });
      return after;
    });
  }

  async unlock(principal: Principal, id: number, actor: Actor): Promise<User> {
    return this.db.transaction(async (tx) => {
      const current = await this.visible(tx, principal, id);
      await authRepository.clearLockout(tx, 'user', current.user.username.toLowerCase());
      await audit(tx, actor, { action: 'user.unlock', targetType: 'user', targetId: id, details: { wasLockedUntil: current.api.lockedUntil } });
      return (await repo.byId(tx, id))!.api;
    });
  }

  /** Registers the public key of the user's SM2 certificate (UKey) for the second factor; PEM or hex. */
  async setSm2Key(principal: Principal, id: number, key: string, actor: Actor): Promise<void> {
    let publicKey: string;
    try {
      publicKey = key.includes('BEGIN PUBLIC KEY') ? sm2PublicKeyFromPem(key) : key.trim().toLowerCase();
    } catch {
      publicKey = '';
    }
    if (!sm2IsValidPublicKey(publicKey)) {
      throw badRequest('VALIDATION_FAILED', 'SM2 公钥无效', [{ field: 'publicKey', message: '须为 SM2 公钥（PEM 或 04 开头的 130 位十六进制）' }]);
    }
    await this.db.transaction(async (tx) => {
      await this.visible(tx, principal, id);
      await authRepository.setSm2PublicKey(tx, id, publicKey, principal.user.id);
      await audit(tx, actor, { action: 'user.sm2key.set', targetType: 'user', targetId: id, details: { fingerprint: sm3Hex(publicKey).slice(0, 16) } });
    });
  }

  /** Runs a change in a transaction; a 三员分立 refusal rolls it back and is then audited (one record per refusal, AU-1). */
  private async guarded<T>(id: number, actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      if (error instanceof SeparationRefused) {
        await audit(this.db, actor, { action: AUDIT_ACTION[error.action], result: 'failure', reason: error.message, targetType: 'user', targetId: id });
      }
      throw error;
    }
  }

  /** Throws when 三员分立 refuses the action; enabled holders of the target's built-in admin role are counted under that role's lock. */
  private async checkSeparation(tx: Tx, principal: Principal, action: UserAction, target: Selected, nextRoleIds?: number[]): Promise<void> {
    const facts = targetFacts(target);
    const role = facts.builtInAdminRole;
    const enabledHolders = role ? ((await repo.enabledAdminRoleHolders(tx, role.id)).get(role.id) ?? 0) : 0;
    const refusal = adminSeparationRefusal(action, { actor: actorFacts(principal), target: facts, enabledHolders, nextRoleIds });
    if (refusal) throw new SeparationRefused(action, refusal);
  }

  private async visible(db: DbOrTx, principal: Principal, id: number) {
    const row = await repo.byId(db, id);
    if (!row || !rowInScope(principal, { departmentPath: row.departmentPath, ownerId: row.user.id })) throw notFound('用户');
    return row;
  }

  private async checkDepartment(db: DbOrTx, principal: Principal, departmentId: number): Promise<void> {
    const dept = await departmentsRepository.byId(db, departmentId);
    if (!dept || !departmentInScope(principal, dept.path)) {
      throw badRequest('VALIDATION_FAILED', '所属部门不存在或不在您的管理范围内', [{ field: 'departmentId', message: '所属部门不存在或无权访问' }]);
    }
    if (!dept.enabled) throw badRequest('VALIDATION_FAILED', '所属部门已停用', [{ field: 'departmentId', message: '所属部门已停用' }]);
  }
}

/** An account valid "until" a date stays valid through that whole day, Beijing time. */
function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

function targetFacts(row: Selected): SeparationFacts['target'] {
  const roles = rolesOf(row);
  const builtIn = roles.find((r) => r.builtIn && r.adminKind);
  return {
    id: row.user.id,
    adminKind: adminKindOfRoles(roles),
    enabled: enabled(row.user),
    builtInAdminRole: builtIn ? { id: builtIn.id, name: builtIn.name } : null,
  };
}

function actorFacts(principal: Principal) {
  return { id: principal.user.id, adminKind: adminKindOfRoles(principal.roles), permissions: principal.permissions };
}

function diff(before: User, after: User): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['displayName', 'policeNo', 'departmentId', 'status', 'expiresAt'] as const) {
    if (before[k] !== after[k]) out[k] = { from: before[k], to: after[k] };
  }
  return out;
}
