import { CORRECTABLE_ITEMS } from '@shtp/core/ebike';
import { writeKey } from '../../../integrations/liuheyi/liuheyi.codes.ts';
import { type LiuheyiPort, LiuheyiRejectedError } from '../../../integrations/liuheyi/liuheyi.port.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ebikeUploadJob } from '../ebike.jobs.ts';
import { type BusinessRow, ebikeRepository as repo } from '../ebike.repository.ts';
import { SNAPSHOT_CONTEXT, type Snapshot } from '../ebike-ledger.ts';
import type { VehicleRecord } from '../vehicle-record.ts';
import { liuheyiWriteOf } from './liuheyi-write.ts';
import { uploadRepository } from './upload.repository.ts';
import { blockerOf, settledByRepair, type UploadEntry, waitingReason } from './upload-order.policy.ts';

type Loaded = { row: BusinessRow; snapshot: Snapshot; entry: UploadEntry };

const CORRECTABLE_PATHS = Object.values(CORRECTABLE_ITEMS);
const get = (r: VehicleRecord, path: string): unknown =>
  path.startsWith('owner.') ? (r.owner as Record<string, unknown>)[path.slice(6)] : (r as unknown as Record<string, unknown>)[path];
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The items of `target` with a repair's corrections applied: every correctable item the repair changed — always
 * (`force`, the business it repairs) or only where `target` still holds the wrong value (a later business made
 * before the repair, whose snapshot inherited it).
 */
function patched(target: VehicleRecord, repair: Snapshot, force: boolean): VehicleRecord {
  const out: VehicleRecord = { ...target, owner: { ...target.owner } };
  for (const path of CORRECTABLE_PATHS) {
    const wrong = repair.before ? get(repair.before, path) : undefined;
    const right = get(repair.after, path);
    if (same(wrong, right) || (!force && !same(get(target, path), wrong))) continue;
    if (path.startsWith('owner.')) (out.owner as Record<string, unknown>)[path.slice(6)] = right;
    else (out as unknown as Record<string, unknown>)[path] = right;
  }
  return out;
}

/**
 * Sends a business to 六合一 in its vehicle's order (upload-order.policy.ts). A business whose predecessor is not
 * accepted waits (等待前序业务, with the reason) and is sent again when that one is; a rejection is final for that
 * write (上传被拒, repaired through 更正: the repair goes up in the rejected business's place, with a new 流水号);
 * an unavailable far side is retried with backoff until the attempts run out. Resending is safe: 六合一
 * deduplicates by 流水号.
 */
export function registerUpload(platform: Platform, port: LiuheyiPort): void {
  const load = async (row: BusinessRow): Promise<Loaded> => {
    const snapshot = JSON.parse(await platform.fields.decrypt(row.snapshotEnc, SNAPSHOT_CONTEXT)) as Snapshot;
    const repairOf = snapshot.details?.repairOf ? Number(snapshot.details.repairOf) : null;
    return { row, snapshot, entry: { id: row.id, lsh: row.lsh, type: row.type, uploadStatus: row.uploadStatus, uploadError: row.uploadError, repairOf } };
  };

  /** Sends again the vehicle's waiting businesses (each checks its own predecessors). */
  const wakeWaiting = async (db: DbOrTx, vehicle: Loaded[], after: string) => {
    for (const w of vehicle.filter((v) => v.entry.uploadStatus === 'waiting')) {
      await platform.jobs.enqueue(db, ebikeUploadJob, { businessId: w.row.id }, { idempotencyKey: `ebike-upload:${w.row.lsh}:after:${after}` });
    }
  };

  /** The write of a business: a repair in its rejected business's place; others with later repairs applied. */
  const writeOf = async (db: DbOrTx, me: Loaded, vehicle: Loaded[]) => {
    const byId = new Map(vehicle.map((v) => [v.row.id, v]));
    if (me.entry.repairOf !== null) {
      const root = byId.get(me.entry.repairOf)!;
      const context = await uploadRepository.writeContext(db, root.row);
      return liuheyiWriteOf({ ...root.row, lsh: me.row.lsh }, { ...root.snapshot, after: patched(root.snapshot.after, me.snapshot, true) }, context);
    }
    // Both sides of the snapshot inherited the wrong value: patching only "after" would make a 变更 name it as changed.
    let { before, after } = me.snapshot;
    for (const r of vehicle) {
      if (r.entry.repairOf !== null && r.row.id > me.row.id && r.entry.repairOf < me.row.id) {
        after = patched(after, r.snapshot, false);
        before = before && patched(before, r.snapshot, false);
      }
    }
    const context = await uploadRepository.writeContext(db, me.row);
    // An 更正 of a business accepted through its repair corrects the repair's 流水号, the one the far side holds.
    const target = me.row.correctsId === null ? undefined : byId.get(me.row.correctsId);
    const accepted =
      target?.entry.uploadStatus === 'repaired' ? vehicle.find((v) => v.entry.repairOf === target.row.id && v.entry.uploadStatus === 'done') : undefined;
    return liuheyiWriteOf(me.row, { ...me.snapshot, before, after }, accepted ? { ...context, correctsLsh: accepted.row.lsh } : context);
  };

  platform.jobs.register(
    ebikeUploadJob,
    async ({ businessId }, { db, job }) => {
      const b = await repo.business(db, businessId);
      if (!b || b.uploadStatus === 'done' || b.uploadStatus === 'repaired') return;
      const vehicle = await Promise.all((await uploadRepository.vehicleBusinesses(db, b.vehicleId)).map(load));
      const me = vehicle.find((v) => v.row.id === b.id)!;
      const blocker = blockerOf(
        vehicle.map((v) => v.entry),
        me.entry,
      );
      if (blocker) {
        // Not an error: it is sent again (wakeWaiting) when the predecessor is accepted.
        await repo.setUpload(db, b.id, { uploadStatus: 'waiting', uploadError: waitingReason(blocker) });
        return;
      }
      const write = await writeOf(db, me, vehicle);
      const lastAttempt = job.attempts >= job.maxAttempts;
      await repo.setUpload(db, b.id, { uploadStatus: 'uploading', uploadAttempts: b.uploadAttempts + 1 });
      try {
        const ack = await port.write(write);
        await repo.setUpload(db, b.id, {
          uploadStatus: 'done',
          uploadRemoteId: ack.remoteId,
          uploadError: null,
          uploadedAt: new Date(ack.acceptedAt),
          uploadKey: writeKey(write),
        });
        if (me.entry.repairOf !== null) {
          const settled = settledByRepair(
            vehicle.map((v) => v.entry),
            me.entry.repairOf,
          );
          await uploadRepository.markRepaired(db, settled, `已由更正 ${b.lsh} 重报，六合一已受理`);
        }
        await wakeWaiting(db, vehicle, `${b.lsh}:done`);
      } catch (err) {
        if (err instanceof LiuheyiRejectedError) {
          await repo.setUpload(db, b.id, { uploadStatus: 'rejected', uploadError: `六合一退回（${err.code}）：${err.reason}` });
          // The waiting ones now say why they wait.
          await wakeWaiting(db, vehicle, `${b.lsh}:rejected:${b.uploadAttempts + 1}`);
          return;
        }
        const reason = err instanceof Error ? err.message : String(err);
        await repo.setUpload(db, b.id, {
          uploadStatus: lastAttempt ? 'failed' : 'pending',
          uploadError: lastAttempt ? `六合一不可用，已重试 ${job.attempts} 次：${reason}` : `六合一暂不可用，等待重试：${reason}`,
        });
        if (lastAttempt) await wakeWaiting(db, vehicle, `${b.lsh}:failed:${b.uploadAttempts + 1}`);
        throw err;
      }
    },
    { concurrency: 1, timeoutMs: 60_000 },
  );
}
