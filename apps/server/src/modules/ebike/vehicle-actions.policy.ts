import { EBIKE_P, VEHICLE_BUSINESSES, type VehicleActions, type VehicleBusiness } from '@shtp/core/ebike';
import { type ActionDecision, permitted } from '@shtp/core/platform';
import { BUSINESS_PERMISSION, businessRefusal, type VehicleState } from './business.policy.ts';
import { fullIdPurposes } from './clear-view.policy.ts';
import { correctionTargets, type LedgerBusiness } from './correction.policy.ts';
import { settableLabels } from './label.policy.ts';
import { resendRefusal } from './upload/upload.policy.ts';

/** What the policies know of the caller (the platform's Principal is one). */
export interface Officer {
  permissions: ReadonlySet<string>;
  department: { path: string };
  user: { clearance: string };
}

/**
 * What the caller may do to a vehicle within reach — the decisions the services enforce, sent with the record so
 * that the console offers exactly these: each business (its permission, the state machine, who may unlock), the
 * 更正 targets and their items, the clear view, the security labels the caller may set and the businesses it may send
 * to 六合一 again (a rejection whose cause is not a correctable item: resent once the cause is dealt with).
 */
export function vehicleActions(
  officer: Officer,
  v: VehicleState,
  history: readonly (Pick<LedgerBusiness, 'id' | 'type' | 'changes'> & { uploadStatus: string })[],
): VehicleActions {
  const may = (b: VehicleBusiness) => permitted(officer.permissions, [BUSINESS_PERMISSION[b]], () => businessRefusal(b, v, officer.department));
  const businesses = Object.fromEntries(VEHICLE_BUSINESSES.map((b) => [b, may(b)])) as Record<VehicleBusiness, ActionDecision>;
  const piiView = permitted(officer.permissions, [EBIKE_P.piiView], () => null);
  const label = permitted(officer.permissions, [EBIKE_P.label], () => null);
  const resendable = history.filter((b) => resendRefusal(b.uploadStatus) === null).map((b) => b.id);
  const resend = permitted(officer.permissions, [EBIKE_P.uploadResend], () => (resendable.length > 0 ? null : '没有上传失败或被退回的业务'));
  return {
    ...businesses,
    correct: { ...businesses.correct, targets: businesses.correct.allowed ? correctionTargets(history) : [] },
    piiView: { ...piiView, fullIdPurposes: piiView.allowed ? fullIdPurposes(officer.permissions) : [] },
    label: { ...label, labels: label.allowed ? settableLabels(officer.user.clearance) : [] },
    resend: { ...resend, businessIds: resend.allowed ? resendable : [] },
  };
}
