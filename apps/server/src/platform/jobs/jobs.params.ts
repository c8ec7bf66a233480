import { defineParam } from '../params/param-definition.ts';

const m = 'jobs';

/** Timing of the durable job queue; read through ParamsService, so a change applies within its cache TTL. */
export const jobParams = {
  pollIntervalSeconds: defineParam.duration({
    key: 'jobs.pollIntervalSeconds',
    module: m,
    label: '任务轮询间隔',
    description: '工作进程查询到期任务的间隔；本进程内新入队的任务会立即唤醒执行',
    defaultValue: 1,
    min: 1,
    max: 60,
    unit: 'seconds',
  }),
  backoffBaseSeconds: defineParam.duration({
    key: 'jobs.backoff.baseSeconds',
    module: m,
    label: '失败重试退避基数',
    description: '第 n 次失败后约等待 基数×2^(n-1)（含随机抖动），不超过退避上限',
    defaultValue: 10,
    min: 1,
    max: 3600,
    unit: 'seconds',
  }),
  backoffCapMinutes: defineParam.duration({
    key: 'jobs.backoff.capMinutes',
    module: m,
    label: '失败重试退避上限',
    description: '两次重试之间的最长等待时间',
    defaultValue: 60,
    min: 1,
    max: 1440,
    unit: 'minutes',
  }),
  visibilityTimeoutMinutes: defineParam.duration({
    key: 'jobs.visibilityTimeoutMinutes',
    module: m,
    label: '执行中任务回收时限',
    description: '执行中的任务超过此时间未结束，视为进程中断并回收重试；须大于最长任务的执行时限',
    defaultValue: 30,
    min: 1,
    max: 1440,
    unit: 'minutes',
  }),
};
export type JobParams = typeof jobParams;
