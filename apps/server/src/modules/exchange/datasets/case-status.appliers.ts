import type { ArrivalStatus, PreregistrationStatus } from '@shtp/core/ebike';
import { HUB_SERVICE_CODES, type HubCaseStatus } from '@shtp/core/publishing';
import type { PublishingApi } from '../../publishing/publishing.api.ts';
import type { Applier } from '../inbound.service.ts';

/**
 * The window's decision on a pre-registration as the hub's 办件 status (待受理 is what the internet zone reported;
 * 已登记 — the 注册登记 done from it — ends the case).
 */
const PREREGISTRATION_CASE: Readonly<Record<PreregistrationStatus, HubCaseStatus | null>> = {
  submitted: null,
  accepted: 'accepted',
  returned: 'returned',
  registered: 'completed',
};

/** What the window recorded of a booking as the hub's 办件 status (未到 closes it unserved). */
const ARRIVAL_CASE: Readonly<Record<ArrivalStatus, HubCaseStatus>> = { arrived: 'in_progress', done: 'completed', no_show: 'closed' };

/**
 * Internet zone, G4: a status that crossed back from the police window (`registration-status`, `appointment-status`)
 * becomes the 办件 status at the 一网通办 hub, queued in the package's transaction (a package applied twice adds
 * nothing: the hub's outbox keeps one row per status). `statusOf` answers null for a status the hub is not told.
 */
const caseStatusApplier =
  (serviceCode: string, statusOf: (status: string) => HubCaseStatus | null | undefined, timeField: string) =>
  (publishing: () => PublishingApi): Applier =>
  async (tx, records) => {
    for (const r of records) {
      const status = statusOf(String(r.data.status));
      if (!status) continue;
      await publishing().caseStatus(tx, { serviceCode, businessNo: r.key, status, at: new Date(String(r.data[timeField])) });
    }
  };

export const registrationStatusApplier = caseStatusApplier(
  HUB_SERVICE_CODES.preregistration,
  (s) => PREREGISTRATION_CASE[s as PreregistrationStatus],
  'decidedAt',
);

export const appointmentStatusApplier = caseStatusApplier(HUB_SERVICE_CODES.appointment, (s) => ARRIVAL_CASE[s as ArrivalStatus], 'markedAt');
