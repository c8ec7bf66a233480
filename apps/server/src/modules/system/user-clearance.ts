import { IdParamsSchema, P } from '@shtp/core/platform';
import { type User, type UserClearanceBody, UserClearanceBodySchema, UserSchema } from '@shtp/core/system';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/client.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import { badRequest, notFound, versionConflict } from '../../platform/http/errors.ts';
import type { RecordIntegrity } from '../../platform/integrity/record-integrity.ts';
import type { Platform } from '../../platform/platform.ts';
import { rowInScope } from '../../platform/rbac/data-scope.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { usersRepository as repo } from './users.repository.ts';

/**
 * A user's security clearance (安全标记, AC-6), set by the 安全管理员 as security policy — like roles and data
 * scope, not by the 系统管理员 who manages accounts. Covered by the user's integrity MAC (C2) and audited.
 */
export async function setUserClearance(
  db: Db,
  integrity: RecordIntegrity,
  principal: Principal,
  id: number,
  body: UserClearanceBody,
  actor: Actor,
): Promise<User> {
  return db.transaction(async (tx) => {
    const current = await repo.byId(tx, id);
    if (!current || !rowInScope(principal, { departmentPath: current.departmentPath, ownerId: current.user.id })) throw notFound('用户');
    if (id === principal.user.id) throw badRequest('VALIDATION_FAILED', '不能修改自己的安全标记', [{ field: 'clearance', message: '不能修改自己的安全标记' }]);
    if (!(await repo.update(tx, id, body.version, { clearance: body.clearance }))) throw versionConflict();
    await integrity.refresh(tx, 'user', [id]);
    await audit(tx, actor, { action: 'user.clearance', targetType: 'user', targetId: id, details: { from: current.user.clearance, to: body.clearance } });
    return (await repo.byId(tx, id))!.api;
  });
}

export function userClearanceRoute(fastify: FastifyInstance, platform: Platform) {
  fastify.withTypeProvider<ZodTypeProvider>().put(
    '/api/system/users/:id/clearance',
    {
      config: { access: perm(P.userClearance) },
      schema: {
        tags: ['用户管理'],
        summary: '设置用户的安全标记（AC-6）',
        params: IdParamsSchema,
        body: UserClearanceBodySchema,
        response: { 200: UserSchema },
      },
    },
    (r) => setUserClearance(platform.db, platform.integrity, authOf(r).principal, r.params.id, r.body, actorOf(r)),
  );
}
