import { classify, NOT_PERSONAL as N, pi, STAFF_REF } from '../../platform/privacy/pi-classification.ts';
import { enfBloodSamples, enfBreathTests, enfDetentions, enfDeviceReadings, enfViolations } from './enforcement.table.ts';

const PARTY = {
  partyIdEnc: pi('id-number', 'sm4', '当事人身份证号码'),
  partyIdIdx: pi('id-number', 'hmac-sm3', '首违判断与查询用的盲索引'),
  partyNameEnc: pi('person-name', 'sm4', '当事人姓名'),
};
const OFFICER = {
  officerId: STAFF_REF,
  officerName: pi('staff-identity', 'plain', '执法民警姓名'),
  departmentId: N,
  deviceCode: N,
  createdAt: N,
};
const DIGEST = pi(['id-number', 'person-name'], 'hmac-sm3', '首次提交的请求摘要，不可还原');

/** Personal information in the 交通执法II tables (PI-1): parties encrypted per field, alcohol values are health data. */
export const ENFORCEMENT_PI = [
  classify(enfViolations, '简易程序处罚决定书与警告', {
    id: N,
    decisionNo: N,
    kind: N,
    code: N,
    codeVersion: N,
    trafficMode: N,
    ...PARTY,
    plate: pi('vehicle-identifier', 'plain'),
    place: pi('free-text', 'plain', '违法地点'),
    occurredAt: N,
    corrected: N,
    harm: N,
    fine: N,
    firstViolation: N,
    educationRecordNo: N,
    ocr: N, // which recognised fields the officer corrected, with confidence; no values
    requestDigest: DIGEST,
    ...OFFICER,
  }),
  classify(enfBreathTests, '呼气酒精检测记录', {
    id: N,
    testerCode: N,
    calibrationDate: N,
    bracMgPerL: pi('health', 'plain'),
    bacMgPer100mL: pi('health', 'plain'),
    verdict: pi('health', 'plain'),
    accepted: N,
    ...PARTY,
    plate: pi('vehicle-identifier', 'plain'),
    place: pi('free-text', 'plain', '检测地点'),
    testedAt: N,
    requestDigest: DIGEST,
    ...OFFICER,
  }),
  classify(enfDeviceReadings, '酒精测试仪推送的测量数据', {
    id: N,
    deviceCode: N,
    messageId: N,
    measuredAt: N,
    bracMgPerL: pi('health', 'plain', '经关联检测记录与当事人关联'),
    breathTestId: N,
    receivedAt: N,
  }),
  classify(enfBloodSamples, '血液样本与流转记录', {
    id: N,
    breathTestId: N,
    sampleNo: N,
    institution: N,
    drawer: pi('staff-identity', 'plain', '抽血人'),
    drawnAt: N,
    events: pi('staff-identity', 'plain', '各环节经手人'),
    resultMgPer100mL: pi('health', 'plain'),
    requestDigest: pi('health', 'hmac-sm3', '首次提交的请求摘要，不可还原'),
    ...OFFICER,
  }),
  classify(enfDetentions, '先予扣留凭证', {
    id: N,
    voucherNo: N,
    ground: N,
    trafficMode: N,
    description: pi('free-text', 'plain', '通行工具描述'),
    plate: pi('vehicle-identifier', 'plain'),
    ...PARTY,
    storagePlace: pi('free-text', 'plain'),
    detainedAt: N,
    violationId: N,
    releasedAt: N,
    releaseNote: pi('free-text', 'plain'),
    releasedBy: pi('staff-identity', 'plain'),
    requestDigest: DIGEST,
    ...OFFICER,
  }),
];
