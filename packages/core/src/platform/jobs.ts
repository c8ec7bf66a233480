import { z } from 'zod';
import { safeString } from '../validators/zod.ts';
import { PageQuerySchema } from './common.ts';

export const JOB_STATES = ['pending', 'running', 'succeeded', 'failed', 'dead', 'cancelled'] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;
export const JOB_STATE_LABELS: Record<JobState, string> = {
  pending: '待执行',
  running: '执行中',
  succeeded: '已完成',
  failed: '失败待重试',
  dead: '死信',
  cancelled: '已取消',
};

export const JobSchema = z.object({
  id: z.number(),
  queue: z.string(),
  state: JobState,
  attempts: z.number(),
  maxAttempts: z.number(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  /** How far a long job got (reported while it runs, kept after it ends); null when the job does not report. */
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  idempotencyKey: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;

export const JobListQuerySchema = PageQuerySchema.extend({
  state: z.enum(JOB_STATES, { error: `任务状态须为 ${JOB_STATES.join('、')} 之一` }).optional(),
  queue: safeString().trim().max(64, '队列名称不能超过 64 个字符').optional(),
});
export type JobListQuery = z.infer<typeof JobListQuerySchema>;

export const JobStatsSchema = z.array(z.object({ queue: z.string(), state: JobState, count: z.number() }));
export type JobStats = z.infer<typeof JobStatsSchema>;

export const JobScheduleSchema = z.object({
  name: z.string(),
  cron: z.string(),
  queue: z.string(),
  enabled: z.boolean(),
  lastRunAt: z.string().nullable(),
  nextRunAt: z.string().nullable(),
});
export type JobSchedule = z.infer<typeof JobScheduleSchema>;
