import type { VehicleLabelBody } from '@shtp/core/ebike';
import { SECURITY_LABELS } from '@shtp/core/platform';
import { audit } from '../../platform/audit/audit.ts';
import { AuditedRefusal, auditingRefusals } from '../../platform/audit/refusal.ts';
import { badRequest, forbidden } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { ebikeRepository as repo } from './ebike.repository.ts';
import type { Caller } from './ebike.service.ts';
import { detailOf } from './ebike-view.ts';
import { labelRefusal } from './label.policy.ts';
import { reachableVehicle } from './vehicle-access.ts';
import { vehicleActions } from './vehicle-actions.policy.ts';

const ACTION = 'ebike.label';

/**
 * 安全标记 of a vehicle record (AC-6), set by a holder of `ebike:label` on a vehicle within reach, never above the
 * setter's own clearance (nobody labels a record out of their own reach). Audited with the old and new label and
 * the reason; refusals are audited too.
 */
export class LabelService {
  constructor(private readonly platform: Platform) {}

  async set(c: Pick<Caller, 'principal' | 'actor'>, id: number, body: VehicleLabelBody) {
    const db = this.platform.db;
    await auditingRefusals(db, c.actor, () =>
      db.transaction(async (tx) => {
        const v = reachableVehicle(c.principal, await repo.vehicle(tx, id, true), ACTION);
        const refused = labelRefusal(c.principal.user.clearance, body.label);
        if (refused) {
          throw new AuditedRefusal(forbidden('不能把车辆设为高于本人安全标记的密级'), {
            action: ACTION,
            targetType: 'nm_vehicle',
            targetId: id,
            reason: refused,
            details: { from: v.securityLabel, to: body.label, reason: body.reason },
          });
        }
        if (v.securityLabel === body.label) {
          throw badRequest('VALIDATION_FAILED', '安全标记未变化', [{ field: 'label', message: `车辆的安全标记已是“${SECURITY_LABELS[body.label]}”` }]);
        }
        await repo.setSecurityLabel(tx, id, body.label);
        await audit(tx, c.actor, {
          action: ACTION,
          targetType: 'nm_vehicle',
          targetId: id,
          details: { from: v.securityLabel, to: body.label, reason: body.reason },
        });
      }),
    );
    const v = (await repo.vehicle(db, id))!;
    const history = await repo.history(db, id);
    return detailOf(this.platform.fields, v, history, 'masked', vehicleActions(c.principal, v, history));
  }
}
