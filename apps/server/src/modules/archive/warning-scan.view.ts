import type { WarningScanPhase, WarningScanStatus } from '@shtp/core/archive';
import type { StoredJob } from '../../platform/jobs/jobs.repository.ts';

const PHASE_OF_STATE: Record<StoredJob['state'], WarningScanPhase> = {
  pending: 'running',
  running: 'running',
  failed: 'running', // another attempt is due
  succeeded: 'done',
  dead: 'failed',
  cancelled: 'failed',
};

/** 立即检查's job as the warnings page follows it: its phase, the reason of a failure, what was found once done. */
export function warningScanView(job: StoredJob, found: number | null): WarningScanStatus {
  const phase = PHASE_OF_STATE[job.state];
  return {
    jobId: job.id,
    phase,
    error: phase === 'failed' ? (job.lastError ?? (job.state === 'cancelled' ? '任务已取消' : '未知错误')) : null,
    found: phase === 'done' ? found : null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
