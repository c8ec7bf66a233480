import type { LiuheyiPort } from '../../../integrations/liuheyi/liuheyi.port.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ebikeReconcileJob } from '../ebike.jobs.ts';
import { uploadRepository as repo } from './upload.repository.ts';

/** Yesterday in China time (the day a nightly run reconciles). */
export const chinaYesterday = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);

/**
 * Compares the businesses this side saw accepted on `day` with 六合一's answer for that day. A serial accepted here
 * but unknown there is marked failed (上传监控 lists it with the reason and resends it); one held there but not
 * accepted here that day is listed. The result replaces that day's previous one.
 */
export async function reconcileDay(db: DbOrTx, port: LiuheyiPort, day: string) {
  const remote = await port.reconcile(day);
  const local = await repo.acceptedOn(db, day);
  const held = new Set(remote.serials);
  const ours = new Set(local);
  const missing = local.filter((lsh) => !held.has(lsh)).sort();
  const unknown = remote.serials.filter((lsh) => !ours.has(lsh)).sort();
  return db.transaction(async (tx) => {
    await repo.markMissing(tx, missing, day);
    const row = { day, localCount: local.length, remoteCount: remote.serials.length, remoteCounts: remote.counts, missing, unknown };
    await repo.saveReconciliation(tx, row);
    return row;
  });
}

/** The nightly reconciliation (02:30 China time, the day before), also runnable from 上传监控. */
export function registerReconciliation(platform: Platform, port: LiuheyiPort): void {
  platform.jobs.register(ebikeReconcileJob, async ({ day }, { db }) => {
    await reconcileDay(db, port, day ?? chinaYesterday());
  });
  platform.jobs.schedules.schedule('ebike-reconcile', '30 2 * * *', ebikeReconcileJob, {});
}
