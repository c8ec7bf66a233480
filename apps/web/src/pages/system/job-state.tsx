import { JOB_STATE_LABELS, type JobState, type JobStats } from '@shtp/core/platform';
import { Tag } from 'antd';

const STATE_COLORS: Record<JobState, string> = {
  pending: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'warning',
  dead: 'error',
  cancelled: 'default',
};

export function JobStateTag({ state }: { state: JobState }) {
  return <Tag color={STATE_COLORS[state]}>{JOB_STATE_LABELS[state]}</Tag>;
}

/** Totals per state over all queues, or over one queue. */
export function countByState(stats: JobStats, queue?: string): Record<JobState, number> {
  const counts: Record<JobState, number> = { pending: 0, running: 0, succeeded: 0, failed: 0, dead: 0, cancelled: 0 };
  for (const row of stats) if (!queue || row.queue === queue) counts[row.state] += row.count;
  return counts;
}

export const RETRYABLE_STATES: ReadonlySet<JobState> = new Set(['failed', 'dead', 'cancelled']);
export const CANCELLABLE_STATES: ReadonlySet<JobState> = new Set(['pending', 'failed']);
