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
};
