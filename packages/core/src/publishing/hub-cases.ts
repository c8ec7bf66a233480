/**
 * G4 办件状态 as the 一网通办 hub shows it in a citizen's 我的办件 [A: the interface document was not available].
 * Each status has a rank that is the version of its push: a later stage never has a lower rank, so the outbox's
 * rule "a newer version already sent supersedes an older one" keeps the hub from going backwards.
 */
export const HUB_CASE_STATUSES = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  completed: '已办结',
  returned: '已退回',
  cancelled: '已撤销',
  closed: '已关闭',
  refunded: '已退款',
} as const;
export type HubCaseStatus = keyof typeof HUB_CASE_STATUSES;
export const HUB_CASE_STATUS_CODES = Object.keys(HUB_CASE_STATUSES) as [HubCaseStatus, ...HubCaseStatus[]];

export const HUB_CASE_RANK: Readonly<Record<HubCaseStatus, number>> = {
  submitted: 1,
  accepted: 2,
  in_progress: 3,
  completed: 4,
  returned: 4,
  cancelled: 4,
  closed: 4,
  refunded: 5,
};

/** The hub's transitions: where a case may go from each status (the simulator refuses any other). */
export const HUB_CASE_NEXT: Readonly<Record<HubCaseStatus, readonly HubCaseStatus[]>> = {
  submitted: ['accepted', 'in_progress', 'completed', 'returned', 'cancelled', 'closed'],
  accepted: ['in_progress', 'completed', 'returned', 'cancelled', 'closed'],
  in_progress: ['completed', 'returned', 'closed'],
  completed: ['refunded'],
  returned: [],
  cancelled: [],
  closed: [],
  refunded: [],
};

/** Why the hub refuses a case going from `from` (none: a new case, any status opens it) to `to`, or null. */
export function caseTransitionRefusal(from: HubCaseStatus | undefined, to: HubCaseStatus): string | null {
  if (from === undefined || from === to || HUB_CASE_NEXT[from].includes(to)) return null;
  return `办件状态不能从“${HUB_CASE_STATUSES[from]}”变为“${HUB_CASE_STATUSES[to]}”`;
}

/** Codes of the traffic-police area's services the internet zone provides (事项编码 [A]). */
export const HUB_SERVICE_CODES = {
  preregistration: 'SHJJ-FJDC-YDJ',
  appointment: 'SHJJ-FJDC-YY',
  violationQuery: 'SHJJ-WF-CX',
  finePayment: 'SHJJ-WF-JK',
} as const;

/**
 * The catalogue the internet zone starts with: filed as drafts at its first start (never registered by themselves);
 * a reviewer corrects the address to the deployment's and registers each (信息发布 › 一网通办对接).
 */
export const HUB_SERVICE_CATALOGUE: readonly {
  serviceCode: string;
  name: string;
  category: string;
  onlineUrl: string;
  status: 'online' | 'offline';
}[] = [
  {
    serviceCode: HUB_SERVICE_CODES.preregistration,
    name: '电动自行车网上预登记',
    category: '非机动车登记',
    onlineUrl: 'https://jj.example.gov.cn/ebike/preregistration',
    status: 'online',
  },
  {
    serviceCode: HUB_SERVICE_CODES.appointment,
    name: '电动自行车登记预约办理',
    category: '非机动车登记',
    onlineUrl: 'https://jj.example.gov.cn/ebike/appointment',
    status: 'online',
  },
  {
    serviceCode: HUB_SERVICE_CODES.violationQuery,
    name: '交通违法查询',
    category: '违法处理',
    onlineUrl: 'https://jj.example.gov.cn/violations',
    status: 'online',
  },
  {
    serviceCode: HUB_SERVICE_CODES.finePayment,
    name: '交通违法罚款缴纳',
    category: '违法处理',
    onlineUrl: 'https://jj.example.gov.cn/pay',
    status: 'online',
  },
];
