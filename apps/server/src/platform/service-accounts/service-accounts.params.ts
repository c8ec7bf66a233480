import { defineParam } from '../params/param-definition.ts';

const m = 'security';

/** Signed calls of service accounts (接入应用): freshness, rotation overlap, buffered body size. */
export const serviceAccountParams = {
  timestampToleranceSeconds: defineParam.duration({
    key: 'serviceAccounts.timestampToleranceSeconds',
    module: m,
    security: true,
    label: '接入应用请求时间容差',
    description: '签名请求的 X-Timestamp 与服务器时间相差超过此时长即拒绝（TS_EXPIRED）；随机数至少保留此时长的两倍',
    defaultValue: 300,
    min: 30,
    max: 900,
    unit: 'seconds',
  }),
  rotationOverlapSeconds: defineParam.duration({
    key: 'serviceAccounts.rotationOverlapSeconds',
    module: m,
    security: true,
    label: '接入应用密钥轮换过渡期',
    description: '轮换密钥后，旧密钥（或旧公钥）在此时长内仍可验签，便于对方切换；0 表示立即失效',
    defaultValue: 86_400,
    min: 0,
    max: 30 * 86_400,
    unit: 'seconds',
  }),
  maxBodyMegabytes: defineParam.number({
    key: 'serviceAccounts.maxBodyMegabytes',
    module: m,
    security: true,
    label: '接入应用请求体上限',
    description: '签名请求的请求体在验签前整体读入内存计算 SM3，超过此大小即拒绝（413）',
    defaultValue: 32,
    min: 1,
    max: 64,
    unit: 'MB',
  }),
};
