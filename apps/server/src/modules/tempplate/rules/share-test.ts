import type { ShareCounts } from './rule.ts';

export interface ShareTest {
  recentShare: number;
  baselineShare: number;
  /** One-sided two-proportion z (pooled): how many standard errors the recent share lies above the baseline. */
  z: number;
}

/**
 * The two-proportion z-test of a recent share against a baseline share (pooled standard error). Null when either
 * period is empty or the pooled share is 0 or 1 (no variance: nothing to test).
 */
export function shareTest(recent: ShareCounts, baseline: ShareCounts): ShareTest | null {
  if (recent.total <= 0 || baseline.total <= 0) return null;
  const recentShare = recent.nonLocal / recent.total;
  const baselineShare = baseline.nonLocal / baseline.total;
  const pooled = (recent.nonLocal + baseline.nonLocal) / (recent.total + baseline.total);
  const variance = pooled * (1 - pooled) * (1 / recent.total + 1 / baseline.total);
  if (!(variance > 0)) return null;
  return { recentShare, baselineShare, z: (recentShare - baselineShare) / Math.sqrt(variance) };
}
