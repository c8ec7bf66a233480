import type { DataSet } from './dataset.ts';

/**
 * 缴款 (internet → police): a fine paid in the internet zone, keyed by the decision number, so the police zone marks it
 * paid. A refund sends the payment again as a newer version with the refunded total (schema 2).
 */
export const paymentsDataSet: DataSet = {
  channel: 'payments',
  businessType: '罚款缴纳结果',
  schemaVersion: 2,
  from: 'internet',
  rules: {
    decisionNo: 'none',
    amountFen: 'none',
    lateFeeFen: 'none',
    paidAt: 'none',
    channelOrderNo: 'none',
    channel: 'none',
    refundedFen: 'none',
    refundedAt: 'none',
  },
};

/**
 * 用户信息备案 (internet → police, G5): a 随申办 identity the hub asserted, filed in the internet zone; once mapped to a
 * local citizen account it crosses again with the account number (schema 2), so the police zone sees which openids are one person.
 */
export const usersDataSet: DataSet = {
  channel: 'users',
  businessType: '随申办用户信息备案',
  schemaVersion: 3,
  from: 'internet',
  // v3: the filing kept in step — a new version per change (changedAt), the mobile number masked before it leaves.
  rules: { openid: 'none', filedAt: 'none', changedAt: 'none', accountId: 'none', mobile: 'phone' },
};

/**
 * 回执 (both directions): the receiver of a package tells the sender it applied it and how many records it wrote, so
 * each zone's reconciliation shows what the other applied. Receipts and resend requests get no receipt themselves.
 */
export const receiptsDataSet = (from: 'police' | 'internet'): DataSet => ({
  channel: 'receipts',
  businessType: '入库回执',
  schemaVersion: 1,
  from,
  rules: { packageId: 'none', channel: 'none', sequence: 'none', records: 'none', written: 'none', appliedAt: 'none' },
});

/** 重发请求: the receiver of a channel asks the sender to write missing sequences again (both directions). */
export const resendRequestsDataSet = (from: 'police' | 'internet'): DataSet => ({
  channel: 'resend-requests',
  businessType: '缺号重发请求',
  schemaVersion: 1,
  from,
  rules: { channel: 'none', sequences: 'none' },
});
