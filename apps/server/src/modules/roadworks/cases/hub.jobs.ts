import { HubRejectedError, type YiwangtongbanPort } from '../../../integrations/yiwangtongban/yiwangtongban.port.ts';
import type { Platform } from '../../../platform/platform.ts';
import { gazetteerRepository } from '../gazetteer/gazetteer.repository.ts';
import { segmentView } from '../gazetteer/gazetteer.view.ts';
import { decisionCallbackJob, hubPullJob } from '../roadworks.jobs.ts';
import { casesRepository as repo } from './cases.repository.ts';
import { CasesService } from './cases.service.ts';

/**
 * The 一网通办 jobs: the pull every minute, and the decision callback (an outbox job per decision). A rejected
 * callback is final (shown as 回传失败); an unavailable hub is retried by the queue with backoff, and the hub accepts
 * an identical resend, so a retry after a lost answer does no harm.
 */
export function registerHubJobs(platform: Platform, hub: YiwangtongbanPort): void {
  const cases = new CasesService(platform, hub);
  platform.jobs.register(hubPullJob, async (_payload, { actor }) => {
    await cases.pull(actor, { auditEmpty: false });
  });
  platform.jobs.schedules.schedule('roadworks-hub-pull', '* * * * *', hubPullJob, {});

  platform.jobs.register(decisionCallbackJob, async ({ caseId }, { db, job }) => {
    const c = await repo.byId(db, caseId);
    if (!c || c.decisionSync === 'sent' || (c.status !== 'approved' && c.status !== 'refused')) return;
    const placements = await repo.placements(db, [caseId]);
    const segments = await gazetteerRepository.segments(
      db,
      placements.map((p) => p.segmentId),
    );
    try {
      await hub.sendDecision({
        caseNo: c.caseNo,
        decision: c.status === 'approved' ? 'approve' : 'refuse',
        reason: c.decisionReason ?? '',
        decidedAt: (c.decidedAt ?? new Date()).toISOString(),
        segments: segments.map((s) => segmentView(s).label),
      });
      await repo.setDecisionSync(db, caseId, 'sent');
    } catch (err) {
      if (err instanceof HubRejectedError || job.attempts >= job.maxAttempts) {
        await repo.setDecisionSync(db, caseId, 'failed');
        if (err instanceof HubRejectedError) return;
      }
      throw err;
    }
  });
}
