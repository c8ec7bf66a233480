import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { actorOf } from '../http/access.ts';
import { AppError } from '../http/errors.ts';
import type { ParamsService } from '../params/params.service.ts';
import { addressAllowed } from './address-allowlist.ts';
import type { AuthParams } from './auth.params.ts';

/**
 * SECURITY.md IP-1: the sessions of separated administrators are used only from the management terminals'
 * address ranges (`auth.admin.allowedCidrs`). Login checks it too (auth.service.ts); this hook refuses every
 * later request of an administrator's session from another address — a stolen cookie included — with 403,
 * audited. It runs after the access guard, on any route that declares an access rule other than public.
 */
export function installAdminAddressCheck(app: FastifyInstance, params: ParamsService, p: AuthParams, db: Db): void {
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access;
    const auth = request.auth;
    if (access === undefined || access === 'public' || !auth?.principal.roles.some((r) => r.adminKind)) return;
    if (addressAllowed(await params.get(p.adminCidrs), request.ip)) return;
    await audit(db, actorOf(request), {
      action: 'auth.denied',
      result: 'failure',
      targetType: 'route',
      targetId: `${request.method} ${request.routeOptions.url}`,
      reason: '管理终端地址不在白名单',
    });
    throw new AppError(403, 'IP_DENIED', '管理员账户不能从当前地址访问，请使用管理终端');
  });
}
