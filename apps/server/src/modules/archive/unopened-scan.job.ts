import type { Platform } from '../../platform/platform.ts';
import type { ChangeWatermark, EbikeApi } from '../ebike/ebike.api.ts';
import { unopenedScanJob } from './archive.jobs.ts';
import { archiveParams } from './archive.params.ts';
import { archiveRepository as repo } from './archive.repository.ts';
import { noticeUnopened } from './warning-notices.ts';

const BATCH = 500;

/**
 * Every hour (A6): the ledger's businesses accepted longer ago than the warning delay, within the look-back, whose archive
 * was never opened and whose business type needs paper, are recorded for the warnings page (opening the archive clears
 * them), and each supervisor responsible gets one notification of the day's count.
 */
export function registerUnopenedScan(platform: Platform, ebike: () => EbikeApi): void {
  platform.jobs.register(unopenedScanJob, async (_payload, { db, signal }) => {
    const hours = await platform.params.get(archiveParams.warnAfterHours);
    const days = await platform.params.get(archiveParams.unopenedLookbackDays);
    const to = new Date(Date.now() - hours * 3_600_000);
    const window = { from: new Date(to.getTime() - days * 86_400_000), to };
    const needPages = await repo.typesNeedingPages(db);
    let after: ChangeWatermark | null = null;
    while (!signal.aborted) {
      const { items, next } = await ebike().businessesAccepted(window, after, BATCH);
      await repo.recordUnopened(
        db,
        items.filter((b) => needPages.has(b.type)),
      );
      if (items.length < BATCH) break;
      after = next;
    }
    if (!signal.aborted) await noticeUnopened(platform, db, hours);
  });
  platform.jobs.schedules.schedule('archive-unopened-scan', '15 * * * *', unopenedScanJob, {});
}
