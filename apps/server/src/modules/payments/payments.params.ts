import { defineParam } from '../../platform/params/param-definition.ts';

const m = 'payments';

/** 缴款 parameters: the late-fee rate is the law's (3 % a day), kept editable as every domain threshold. */
export const paymentsParams = {
  lateFeeRate: defineParam.number({
    key: 'payments.lateFee.ratePercentPerDay',
    module: m,
    label: '加处罚款日比例',
    description: '逾期缴纳罚款的，每日按罚款数额的此百分比加处罚款，加处罚款总额不超过罚款数额（行政处罚法第七十二条）',
    defaultValue: 3,
    min: 0,
    max: 100,
    unit: '%',
  }),
  queryPerPlatePerMinute: defineParam.number({
    key: 'payments.query.perPlatePerMinute',
    module: m,
    label: '违法查询每号牌每分钟上限',
    description: '第三方违法查询接口对同一号牌每分钟受理的次数上限（防枚举，SECURITY.md §3）',
    defaultValue: 10,
    min: 1,
    max: 10_000,
    unit: '次',
  }),
  queryPerCitizenPerMinute: defineParam.number({
    key: 'payments.query.perCitizenPerMinute',
    module: m,
    label: '违法查询每用户每分钟上限',
    description: '第三方违法查询接口对同一随申办用户（openid）每分钟受理的次数上限',
    defaultValue: 20,
    min: 1,
    max: 10_000,
    unit: '次',
  }),
  queryMaxMismatches: defineParam.number({
    key: 'payments.query.maxMismatches',
    module: m,
    label: '违法查询核验不符锁定次数',
    description: '同一接入应用对同一号牌在 1 小时内持车核验不符达到此次数，即锁定该号牌的查询（SECURITY.md §3）',
    defaultValue: 5,
    min: 1,
    max: 100,
    unit: '次',
  }),
  queryLockHours: defineParam.number({
    key: 'payments.query.lockHours',
    module: m,
    label: '违法查询锁定时长',
    description: '核验不符次数达到上限后，该接入应用对该号牌的查询被锁定的时长',
    defaultValue: 24,
    min: 1,
    max: 720,
    unit: '小时',
  }),
};
