import { permitted } from '@shtp/core/platform';
import { type FirstCheckBody, type OrderAction, type OrderActions, type OrderState, type ReviewBody, TEMPPLATE_P } from '@shtp/core/tempplate';

/** The permission each work-order action needs (the routes declare these). */
export const ORDER_PERMISSION: Record<OrderAction, string> = {
  assign: TEMPPLATE_P.assign,
  firstCheck: TEMPPLATE_P.firstCheck,
  review: TEMPPLATE_P.review,
};

export interface OrderFacts {
  state: OrderState;
  checkDepartmentId: number | null;
  reviewDepartmentId: number | null;
}

export interface Handler {
  permissions: ReadonlySet<string>;
  department: { id: number };
}

/**
 * The work-order state machine (T22–T24): 待分配 → (分配) 待初核 → (初核) 待复核 → (复核 同意/改判) 已办结, or
 * (复核 退回) back to 待初核. An order not yet first-checked may be reassigned. Only the department an order was
 * sent to first-checks it, only the review department reviews it. Null: allowed.
 */
export function orderRefusal(action: OrderAction, order: OrderFacts, handler: Handler): string | null {
  switch (action) {
    case 'assign':
      return order.state === 'unassigned' || order.state === 'first_check' ? null : '只有待分配或待初核的工单可以分配（改派）';
    case 'firstCheck':
      if (order.state !== 'first_check') return '只有待初核的工单可以初核';
      return order.checkDepartmentId === handler.department.id ? null : '只有工单分配到的初核部门可以初核';
    case 'review':
      if (order.state !== 'review') return '只有待复核的工单可以复核';
      return order.reviewDepartmentId === handler.department.id ? null : '只有工单指定的复核部门可以复核';
  }
}

/** The order after a first check: the result recorded, waiting for review. */
export function afterFirstCheck(body: FirstCheckBody): { state: OrderState; checkResult: string } {
  return { state: 'review', checkResult: body.result };
}

/** The order after a review: agree keeps the first check's result, overrule replaces it, return sends it back. */
export function afterReview(checkResult: string | null, body: ReviewBody): { state: OrderState; finalResult: string | null } {
  if (body.decision === 'return') return { state: 'first_check', finalResult: null };
  return { state: 'closed', finalResult: body.decision === 'overrule' ? body.result! : checkResult };
}

/** The actions a work order carries for the caller: the decisions the service enforces. */
export function orderActions(handler: Handler, order: OrderFacts): OrderActions {
  const may = (a: OrderAction) => permitted(handler.permissions, [ORDER_PERMISSION[a]], () => orderRefusal(a, order, handler));
  return { assign: may('assign'), firstCheck: may('firstCheck'), review: may('review') };
}
