/**
 * The port to the 一网通办 hub for road-works cases (道路施工许可办件). The field set is an assumption [A] until the
 * hub's interface document is had: case number, applicant (a unit), works type, requested period, lanes, traffic
 * organisation plan, attachments, the applicant's free-text location.
 */
export interface HubCase {
  caseNo: string;
  applicant: string;
  /** dig 掘路 / occupy 占路 / pipe_repair 管线抢修 / pipe_lay 管线敷设 / other. */
  worksType: string;
  requestedFrom: string;
  requestedTo: string;
  lanes: string;
  trafficPlan: string;
  attachments: { name: string; url: string }[];
  /** As the applicant wrote it, e.g. “延安西路近华山路”. */
  locationText: string;
  /** The district (行政区划, GB/T 2260) the applicant chose, when the hub sends it: routes the case to its department. */
  districtCode?: string;
}

export interface HubDecision {
  caseNo: string;
  decision: 'approve' | 'refuse';
  reason: string;
  decidedAt: string;
  /** The standardised segments, e.g. “延安西路 华山路—镇宁路”. */
  segments: string[];
}

/** The hub refused the call (bad data): retrying the same call cannot succeed. */
export class HubRejectedError extends Error {}
/** The hub did not answer or failed: the call may be retried. */
export class HubUnavailableError extends Error {}

export interface YiwangtongbanPort {
  /** Cases handed to the traffic police and not yet acknowledged (the hub keeps them until `acknowledge`). */
  pendingCases(): Promise<HubCase[]>;
  /** Confirms receipt after the cases are stored; an unacknowledged case is offered again (never lost). */
  acknowledge(caseNos: string[]): Promise<void>;
  /** The decision callback; the hub keeps the first decision per case and accepts an identical resend. */
  sendDecision(decision: HubDecision): Promise<void>;
}
