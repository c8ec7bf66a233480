import type { DataSet } from './dataset.ts';

/** 缴款 (internet → police): a fine paid in the internet zone, keyed by the decision number, so the police zone marks it paid. */
export const paymentsDataSet: DataSet = {
  channel: 'payments',
  businessType: '罚款缴纳结果',
  schemaVersion: 1,
  from: 'internet',
  rules: { decisionNo: 'none', amountFen: 'none', lateFeeFen: 'none', paidAt: 'none', channelOrderNo: 'none', channel: 'none' },
};

/** 重发请求: the receiver of a channel asks the sender to write missing sequences again (both directions). */
export const resendRequestsDataSet = (from: 'police' | 'internet'): DataSet => ({
  channel: 'resend-requests',
  businessType: '缺号重发请求',
  schemaVersion: 1,
  from,
  rules: { channel: 'none', sequences: 'none' },
});
