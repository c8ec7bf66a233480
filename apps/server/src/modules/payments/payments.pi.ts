import { classify, NOT_PERSONAL as N, pi, STAFF_REF } from '../../platform/privacy/pi-classification.ts';
import { citizenAccounts, citizenIdentities, finePayments, paymentQueryLocks, paymentReconciliations, smsTemplates } from './payments.table.ts';

/** 缴款 orders: the decision number, amounts, the channel's order number; the payer's mobile for the notice, encrypted. */
export const PAYMENTS_PI = [
  classify(finePayments, '罚款缴纳订单', {
    id: N,
    merchantOrderNo: N,
    decisionNo: N,
    fineFen: N,
    lateFeeFen: N,
    amountFen: N,
    state: N,
    refundedFen: N,
    channelOrderNo: N,
    paidAt: N,
    noticePhoneEnc: pi('phone', 'sm4', '缴款通知短信的手机号码（缴款人自愿提供）'),
    noticeMsgId: N,
    noticeState: N,
    createdAt: N,
  }),
  classify(paymentQueryLocks, '违法查询核验不符计数与锁定', {
    key: pi('vehicle-identifier', 'hmac-sm3', '接入应用账号 + 号牌的密钥摘要'),
    failures: N,
    windowStartedAt: N,
    lockedUntil: N,
  }),
  classify(citizenIdentities, '随申办用户信息备案', { openid: pi('citizen-account', 'plain'), filedAt: N, lastAssertedAt: N, accountId: N }),
  classify(citizenAccounts, '互认本地用户（按身份证号盲索引）', {
    id: N,
    idNumberIdx: pi('id-number', 'hmac-sm3', '查找本地用户用的盲索引'),
    idNumberEnc: pi('id-number', 'sm4'),
    nameEnc: pi('person-name', 'sm4'),
    createdAt: N,
  }),
  classify(smsTemplates, '短信模板（登记与审核）', {
    id: N,
    code: N,
    name: N,
    text: N,
    urgent: N,
    state: N,
    createdBy: STAFF_REF,
    createdByName: pi('staff-identity', 'plain', '登记人姓名'),
    createdAt: N,
    reviewedBy: STAFF_REF,
    reviewedByName: pi('staff-identity', 'plain', '审核人姓名'),
    reviewedAt: N,
    reviewNote: pi('free-text', 'plain', '审核意见'),
  }),
  classify(paymentReconciliations, '缴款对账结果', { day: N, matched: N, mismatchCount: N, mismatches: N, checkedAt: N }),
];
