import { type ActionDecision, permitted } from '@shtp/core/platform';
import { ROADWORKS_P } from '@shtp/core/roadworks';

/** The permission each case action's route declares. */
export const CASE_PERMISSION = { place: ROADWORKS_P.decide, approve: ROADWORKS_P.decide, refuse: ROADWORKS_P.decide, complete: ROADWORKS_P.decide } as const;
export type CaseAction = keyof typeof CASE_PERMISSION;

export interface CaseState {
  status: string;
  placements: number;
  completedAt?: string | null;
}

/** Why this action cannot be taken on the case now (null: it can). */
export function caseRefusal(action: CaseAction, c: CaseState): string | null {
  if (action === 'complete') {
    if (c.status !== 'approved') return '只有已许可的施工可以登记竣工';
    return c.completedAt ? `已于 ${c.completedAt} 登记竣工` : null;
  }
  if (c.status !== 'received') return `办件已${c.status === 'approved' ? '许可' : '不予许可'}，不能再${action === 'place' ? '修改施工路段' : '审批'}`;
  if (action === 'approve' && c.placements === 0) return '请先在标准路名中选定施工路段，再予以许可';
  return null;
}

export const caseActions = (caller: { permissions: ReadonlySet<string> }, c: CaseState): Record<CaseAction, ActionDecision> => ({
  place: permitted(caller.permissions, [CASE_PERMISSION.place], () => caseRefusal('place', c)),
  approve: permitted(caller.permissions, [CASE_PERMISSION.approve], () => caseRefusal('approve', c)),
  refuse: permitted(caller.permissions, [CASE_PERMISSION.refuse], () => caseRefusal('refuse', c)),
  complete: permitted(caller.permissions, [CASE_PERMISSION.complete], () => caseRefusal('complete', c)),
});

/** A case routed out of the caller's data scope (placed on another district's segment): nothing more to do on it. */
export const handedOverActions = (departmentName: string | null): Record<CaseAction, ActionDecision> => {
  const refused = { allowed: false, reason: `办件已按路段所在区转至${departmentName ?? '其他部门'}承办` };
  return { place: refused, approve: refused, refuse: refused, complete: refused };
};
