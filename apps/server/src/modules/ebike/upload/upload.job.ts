import { type LiuheyiPort, LiuheyiRejectedError } from '../../../integrations/liuheyi/liuheyi.port.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ebikeUploadJob } from '../ebike.jobs.ts';
import { ebikeRepository as repo } from '../ebike.repository.ts';
import { SNAPSHOT_CONTEXT, type Snapshot } from '../ebike-ledger.ts';
import { liuheyiWriteOf } from './liuheyi-write.ts';
import { uploadRepository } from './upload.repository.ts';

/**
 * Sends a business to 六合一. A rejection is final (shown to the officer, corrected through 更正); an
 * unavailable far side is retried with backoff by the queue until the attempts run out. Resending is safe:
 * 六合一 deduplicates by 流水号.
 */
export function registerUpload(platform: Platform, port: LiuheyiPort): void {
  platform.jobs.register(
    ebikeUploadJob,
    async ({ businessId }, { db, job }) => {
      const b = await repo.business(db, businessId);
      if (!b || b.uploadStatus === 'done') return;
      // 六合一 must see a vehicle's businesses in ledger order (a theft before its registration is refused):
      // wait while an earlier one is still on its way. A failed earlier one does not hold the rest back.
      const earlier = await uploadRepository.earlierInFlight(db, b.vehicleId, b.id);
      const lastAttempt = job.attempts >= job.maxAttempts;
      if (earlier) {
        const waiting = `等待前序业务 ${earlier} 上传完成`;
        await repo.setUpload(db, b.id, {
          uploadStatus: lastAttempt ? 'failed' : 'pending',
          uploadError: lastAttempt ? `${waiting}，已等待 ${job.attempts} 次` : waiting,
        });
        throw new Error(waiting);
      }
      const context = await uploadRepository.writeContext(db, b);
      const snapshot = JSON.parse(await platform.fields.decrypt(b.snapshotEnc, SNAPSHOT_CONTEXT)) as Snapshot;
      const write = liuheyiWriteOf(b, snapshot, context);
      await repo.setUpload(db, b.id, { uploadStatus: 'uploading', uploadAttempts: b.uploadAttempts + 1 });
      try {
        const ack = await port.write(write);
        await repo.setUpload(db, b.id, { uploadStatus: 'done', uploadRemoteId: ack.remoteId, uploadError: null, uploadedAt: new Date(ack.acceptedAt) });
      } catch (err) {
        if (err instanceof LiuheyiRejectedError) {
          await repo.setUpload(db, b.id, { uploadStatus: 'failed', uploadError: `六合一退回（${err.code}）：${err.reason}` });
          return;
        }
        const reason = err instanceof Error ? err.message : String(err);
        await repo.setUpload(db, b.id, {
          uploadStatus: lastAttempt ? 'failed' : 'pending',
          uploadError: lastAttempt ? `六合一不可用，已重试 ${job.attempts} 次：${reason}` : `六合一暂不可用，等待重试：${reason}`,
        });
        throw err;
      }
    },
    { concurrency: 1, timeoutMs: 60_000 },
  );
}
