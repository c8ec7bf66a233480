/** Steps of the disposal of an archive after its retention period (A5): asked for by one person, decided by another. */
export const DISPOSAL_STEPS = ['request', 'approve', 'reject'] as const;
export type DisposalStep = (typeof DISPOSAL_STEPS)[number];

export interface DisposalState {
  acceptedAt: Date;
  legalHold: boolean;
  disposalRequestedBy: number | null;
  disposalRequestedAt: Date | null;
  disposedAt: Date | null;
}

/** The last day the archive must be kept: acceptance plus the retention years. */
export function retainUntil(acceptedAt: Date, years: number): Date {
  const until = new Date(acceptedAt);
  until.setFullYear(until.getFullYear() + years);
  return until;
}

/** Why this person may not take this step now (a legal hold always forbids it), or null. */
export function disposalRefusal(a: DisposalState, step: DisposalStep, userId: number, years: number, now = new Date()): string | null {
  if (a.disposedAt) return '档案已处置';
  if (a.legalHold) return '档案处于法律保全，不能处置';
  if (retainUntil(a.acceptedAt, years) > now) return '档案未到保存期限，不能处置';
  if (step === 'request') return a.disposalRequestedAt ? '已有待审批的处置申请' : null;
  if (!a.disposalRequestedAt) return '没有待审批的处置申请';
  if (a.disposalRequestedBy === userId) return '处置须由申请人以外的另一人审批';
  return null;
}

/** The steps the person may take, for the console (the service checks the same function again). */
export const disposalSteps = (a: DisposalState, userId: number, years: number): DisposalStep[] =>
  DISPOSAL_STEPS.filter((step) => disposalRefusal(a, step, userId, years) === null);
