import type { LiuheyiPort } from '../../../integrations/liuheyi/liuheyi.port.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ebikeReconcileJob } from '../ebike.jobs.ts';
import { uploadRepository as repo } from './upload.repository.ts';

/** Yesterday in China time (the day a nightly run reconciles). */
export const chinaYesterday = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);

/** A business key whose count of accepted writes differs between the two sides. */
export interface CountMismatch {
  key: string;
  local: number;
  remote: number;
}

/**
 * The business keys whose counts differ, in key order. A business accepted before its key was recorded counts under
 * '?' here (it matches no key of the far side, so the day shows as different rather than hiding it).
 */
export function countMismatches(local: Record<string, number>, remote: Record<string, number>): CountMismatch[] {
  const keys = [...new Set([...Object.keys(local), ...Object.keys(remote)])].sort();
  return keys.map((key) => ({ key, local: local[key] ?? 0, remote: remote[key] ?? 0 })).filter((c) => c.local !== c.remote);
}

/**
 * Compares the businesses this side saw accepted on `day` with 六合一's answer for that day: the counts per business
 * key, and the serials. A serial accepted here but unknown there is marked failed (上传监控 lists it with the reason
 * and resends it); one held there but not accepted here that day is listed. The result replaces that day's previous one.
 */
export async function reconcileDay(db: DbOrTx, port: LiuheyiPort, day: string) {
  const remote = await port.reconcile(day);
  const local = await repo.acceptedOn(db, day);
  const held = new Set(remote.serials);
  const ours = new Set(local.map((b) => b.lsh));
  const missing = local
    .map((b) => b.lsh)
    .filter((lsh) => !held.has(lsh))
    .sort();
  const unknown = remote.serials.filter((lsh) => !ours.has(lsh)).sort();
  const localCounts: Record<string, number> = {};
  for (const b of local) localCounts[b.key ?? '?'] = (localCounts[b.key ?? '?'] ?? 0) + 1;
  return db.transaction(async (tx) => {
    await repo.markMissing(tx, missing, day);
    const row = {
      day,
      localCount: local.length,
      remoteCount: remote.serials.length,
      localCounts,
      remoteCounts: remote.counts,
      countMismatches: countMismatches(localCounts, remote.counts),
      missing,
      unknown,
    };
    await repo.saveReconciliation(tx, row);
    return { ...row, checkedAt: new Date() };
  });
}

/** The nightly reconciliation (02:30 China time, the day before), also runnable from 上传监控. */
export function registerReconciliation(platform: Platform, port: LiuheyiPort): void {
  platform.jobs.register(ebikeReconcileJob, async ({ day }, { db }) => {
    await reconcileDay(db, port, day ?? chinaYesterday());
  });
  platform.jobs.schedules.schedule('ebike-reconcile', '30 2 * * *', ebikeReconcileJob, {});
}
