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
  heartbeatTimeoutSeconds: defineParam.duration({
    key: 'jobs.heartbeatTimeoutSeconds',
    module: m,
    label: '执行中任务心跳超时',
    description: '执行任务的工作进程约每隔此时间的四分之一续约一次；超过此时间未续约的任务视为进程已退出，回收重试。运行时间长的任务只要进程存活就不会被回收',
    defaultValue: 120,
    min: 20,
    max: 3600,
    unit: 'seconds',
  }),
};
export type JobParams = typeof jobParams;
