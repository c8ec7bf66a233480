import type { EnforcementCounts } from '@shtp/core/enforcement';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { homeCountsRepository as repo } from './home-counts.repository.ts';

/** 工作台 of 交通执法: today's decisions, vehicles still held, and standard uploads that wait for a correction or a retry. */
export async function enforcementCounts(platform: Platform, principal: Principal): Promise<EnforcementCounts> {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const [violationsToday, detentionsHeld, uploads] = await Promise.all([
    repo.violationsOn(platform.db, principal, today),
    repo.detentionsHeld(platform.db, principal),
    repo.openUploads(platform.db, principal),
  ]);
  return { violationsToday, detentionsHeld, uploadsRejected: uploads.rejected, uploadsPending: uploads.pending };
}
