/** Audit actions of the module, named for people (its part of the audit action catalogue). */
export const PAYMENTS_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'payments.order': '创建缴款订单',
  'payments.paid': '确认缴款到账',
  'payments.refund': '罚款退款',
  'payments.violation-query': '第三方违法查询',
};
