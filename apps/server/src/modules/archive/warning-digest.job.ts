import type { Platform } from '../../platform/platform.ts';
import { warningDigestJob } from './archive.jobs.ts';
import { archiveParams } from './archive.params.ts';
import { archiveRepository as repo } from './archive.repository.ts';
import { noticeWarningDigest } from './warning-notices.ts';

/**
 * Every morning at 07:30: the day's digest per department (A6) of incomplete archives and of businesses whose archive
 * was never opened (as the hourly scan found them), read on the warnings page and pushed to each supervisor's notifications.
 */
export function registerWarningDigest(platform: Platform): void {
  platform.jobs.register(warningDigestJob, async (_payload, { db }) => {
    const hours = await platform.params.get(archiveParams.warnAfterHours);
    await repo.writeWarningDigest(db, hours);
    await noticeWarningDigest(platform, db, hours);
  });
  platform.jobs.schedules.schedule('archive-warning-digest', '30 7 * * *', warningDigestJob, {});
}
