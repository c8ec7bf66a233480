import { randomBytes } from 'node:crypto';
import { safeString } from '@shtp/core/validators';
import { sm2Verify } from '@shtp/gm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { conflict } from '../http/errors.ts';
import { defineParam } from '../params/param-definition.ts';
import type { ParamsService } from '../params/params.service.ts';
import type { Principal } from '../rbac/rbac.repository.ts';
import { authRepository as repo } from './auth.repository.ts';
import type { SecondFactor } from './second-factor.ts';

/** The built-in separated-administrator roles: in production they need the SM2 factor unless the security admin says otherwise. */
export const SEPARATED_ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditadmin'];

/**
 * Which roles need the SM2 factor (SECURITY.md IA-4: the administrators log in with two factors, one cryptographic).
 * Production defaults to the three separated administrators; demo and test start without, so that the demo accounts
 * work before anyone has a UKey.
 */
export function sm2RequiredRolesParam(production: boolean) {
  return defineParam.list({
    key: 'auth.sm2.requiredRoles',
    module: 'security',
    security: true,
    label: '须 SM2 证书登录的角色',
    description: `持有这些角色（角色代码）的用户在口令之后还须用其 SM2 证书（UKey）签名挑战值完成登录${production ? '' : '（生产环境默认：三员角色）'}`,
    defaultValue: production ? SEPARATED_ADMIN_ROLES : [],
    item: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, '须为角色代码'),
    maxItems: 50,
  });
}

/** What the client signs: bound to this system, the user and a one-time random challenge. */
export const sm2LoginMessage = (username: string, challenge: string) => `SHTP-SM2-LOGIN|${username}|${challenge}`;

const ResponseSchema = z.strictObject({ signature: safeString().regex(/^[0-9a-fA-F]{16,160}$/, '签名须为十六进制') });

/**
 * SM2 challenge-response second factor (等保三级 IA-4, issue 3): the server issues a random challenge kept
 * on the session, the client signs it with the user's SM2 private key (DER, default user ID), the server
 * verifies with the registered public key. Each challenge answers once.
 */
export class Sm2Factor implements SecondFactor {
  readonly kind = 'sm2';

  constructor(
    private readonly db: Db,
    private readonly params: ParamsService,
    private readonly requiredRoles: ReturnType<typeof sm2RequiredRolesParam>,
  ) {}

  async requiredFor(principal: Principal): Promise<boolean> {
    const roles = await this.params.get(this.requiredRoles);
    return principal.roles.some((r) => roles.includes(r.code));
  }

  async challenge(principal: Principal, sessionId: string): Promise<Record<string, unknown>> {
    if (!(await repo.sm2PublicKey(this.db, principal.user.id))) throw conflict('SM2_KEY_MISSING', '您的账户尚未登记 SM2 证书公钥，请联系安全管理员');
    const challenge = randomBytes(32).toString('hex');
    await repo.setFactorChallenge(this.db, sessionId, challenge);
    return { kind: this.kind, challenge, message: sm2LoginMessage(principal.user.username, challenge), userId: '1234567812345678' };
  }

  async verify(principal: Principal, sessionId: string, response: unknown): Promise<boolean> {
    const parsed = ResponseSchema.safeParse(response);
    const challenge = await repo.factorChallenge(this.db, sessionId);
    // One use: the challenge is cleared whatever the outcome.
    await repo.setFactorChallenge(this.db, sessionId, null);
    const publicKey = await repo.sm2PublicKey(this.db, principal.user.id);
    if (!parsed.success || !challenge || !publicKey) return false;
    return sm2Verify(sm2LoginMessage(principal.user.username, challenge), Buffer.from(parsed.data.signature, 'hex'), publicKey);
  }
}
