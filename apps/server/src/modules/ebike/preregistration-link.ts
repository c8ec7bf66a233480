import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import type { ExchangeApi } from '../exchange/exchange.api.ts';
import { registerRefusal } from './preregistration.policy.ts';
import { PREREG_ID_CONTEXT } from './preregistration.service.ts';
import { preregistrationsRepository as repo } from './preregistrations.repository.ts';

/**
 * G13: a 注册登记 that completes an accepted 网上预登记, inside the business's own transaction — the pre-registration
 * is locked and checked (accepted, not yet registered, the same owner) before the vehicle is written, and marked
 * 已登记 with the business's 流水号 after; the status crosses back (`registration-status`, version 2) in that transaction.
 */
export class PreregistrationLink {
  constructor(
    private readonly platform: Platform,
    private readonly exchange: () => ExchangeApi,
  ) {}

  /** Locks the pre-registration in the principal's scope; a 409 with the reason when it cannot be registered. */
  async claim(tx: Tx, principal: Principal, preregNo: string, ownerIdNumber: string): Promise<void> {
    const p = await repo.oneInScope(tx, principal, preregNo, true);
    if (!p) throw notFound('预登记');
    const filed = await this.platform.fields.decrypt(p.idNumberEnc, PREREG_ID_CONTEXT);
    const refused = registerRefusal(p, { registering: ownerIdNumber, filed });
    if (refused) throw conflict('PREREGISTRATION_NOT_REGISTRABLE', refused, [{ field: 'preregNo', message: refused }]);
  }

  async complete(tx: Tx, actor: Actor, preregNo: string, business: { id: number; lsh: string }): Promise<void> {
    const row = await repo.registered(tx, preregNo, business);
    const data = { preregNo, status: 'registered', reason: null, decidedAt: row.registeredAt!.toISOString(), lsh: business.lsh };
    await this.exchange().enqueue(tx, 'registration-status', [{ key: preregNo, version: 2, data }]);
    await audit(tx, actor, {
      action: 'ebike.preregistration-decision',
      targetType: 'preregistration',
      targetId: preregNo,
      details: { status: 'registered', lsh: business.lsh },
    });
  }
}
