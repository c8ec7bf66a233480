import type { StaffPasswordStatus } from '@shtp/core/exchange';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { generateInitialPassword } from '../../platform/auth/password-hash.ts';
import { conflict } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import type { SystemApi } from '../system/system.api.ts';
import { roleMapping } from './datasets/police-users.dataset.ts';
import { exchangeParams } from './exchange.params.ts';
import { staffPasswordsRepository as repo } from './staff-passwords.repository.ts';

/** The field-encryption context of the stored password (bound to its table and column). */
export const STAFF_PASSWORD_CONTEXT = 'exchange_staff_passwords.password';
/** An issued password rides on the officer's `police-users` records read within this many hours, then no more. */
export const STAFF_PASSWORD_CROSSING_HOURS = 72;

/**
 * G5/G13 police zone: an officer whose roles are recognised in the internet zone asks here for that zone's initial
 * password (the gap lets nothing come back, so the internet zone cannot send one). The password is shown once, kept
 * SM4-encrypted, and crosses SM2-sealed to the internet zone's exchange key on the officer's next `police-users`
 * record; there it becomes the account's password with a forced change at first sign-in.
 */
export class StaffPasswordService {
  constructor(
    private readonly platform: Platform,
    private readonly system: () => SystemApi,
  ) {}

  private async refusal(principal: Principal): Promise<string | null> {
    if (this.platform.config.zone !== 'police') return '互联网区账户的初始密码在公安网申请';
    const mapping = roleMapping(await this.platform.params.get(exchangeParams.recognisedRoles));
    if (!principal.roles.some((r) => mapping.has(r.code))) return '您的角色未设置互认到互联网区（参数“互认到互联网区的用户角色”），不能申请';
    return null;
  }

  async status(principal: Principal): Promise<StaffPasswordStatus> {
    const reason = await this.refusal(principal);
    const issuedAt = reason === null ? await repo.issuedAt(this.platform.db, principal.user.id) : null;
    return { eligible: reason === null, reason, issuedAt: issuedAt?.toISOString() ?? null, crossingHours: STAFF_PASSWORD_CROSSING_HOURS };
  }

  async issue(principal: Principal, actor: Actor): Promise<{ username: string; password: string; issuedAt: string }> {
    const reason = await this.refusal(principal);
    if (reason) throw conflict('BUSINESS_REFUSED', reason);
    const password = generateInitialPassword();
    const passwordEnc = await this.platform.fields.encrypt(password, STAFF_PASSWORD_CONTEXT);
    const issuedAt = await this.platform.db.transaction(async (tx) => {
      const at = await repo.issue(tx, principal.user.id, passwordEnc);
      // The account's change time moves so that its record is read (and crosses) on the next cycle.
      await this.system().touchStaff(tx, principal.user.id);
      await audit(tx, actor, {
        action: 'exchange.staff-password',
        targetType: 'user',
        targetId: principal.user.id,
        details: { username: principal.user.username },
      });
      return at;
    });
    return { username: principal.user.username, password, issuedAt: issuedAt.toISOString() };
  }
}
