import type { Platform } from '../../../platform/platform.ts';
import { gazetteerRepository } from '../gazetteer/gazetteer.repository.ts';
import { segmentView } from '../gazetteer/gazetteer.view.ts';
import { overrunSweepJob } from '../roadworks.jobs.ts';
import { overrunWarning } from './warning.rules.ts';
import { warningsRepository as repo } from './warnings.repository.ts';

/**
 * Once a day at 01:10: an overrun warning per segment of each approved case past its period — unfinished, or finished
 * late by its completion report (idempotent: the query skips warned ones).
 */
export function registerOverrunSweep(platform: Platform): void {
  platform.jobs.register(overrunSweepJob, async (_payload, { db, signal }) => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    for (;;) {
      if (signal.aborted) return;
      const due = await repo.overrunCandidates(db, today, 500);
      if (due.length === 0) return;
      const segments = new Map((await gazetteerRepository.segments(db, [...new Set(due.map((d) => d.segmentId))])).map((s) => [s.id, s]));
      await db.transaction(async (tx) => {
        for (const d of due) {
          const s = segments.get(d.segmentId)!;
          const view = segmentView(s);
          const w = overrunWarning({ requestedTo: d.requestedTo, status: 'approved', completedAt: d.completedAt }, d.completedAt ?? today, {
            ...view,
            id: s.id,
            districtCode: s.districtCode,
            protectedSince: null,
            protectionKind: null,
          });
          if (w) await repo.add(tx, d.caseId, w);
        }
      });
    }
  });
  platform.jobs.schedules.schedule('roadworks-overrun-sweep', '10 1 * * *', overrunSweepJob, {});
}
