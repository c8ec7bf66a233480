import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
import type { CpuPool } from '../workers/cpu-pool.ts';
import type { FieldCrypto } from './field-crypto.ts';
import { keysRepository as repo } from './keys.repository.ts';

/** A table column holding `FieldCrypto` values, registered by the module that owns it. */
export interface EncryptedColumn {
  table: string;
  /** Integer or text primary key column. */
  id: string;
  column: string;
  /** The context the values were encrypted with (usually `table.column`). */
  context: string;
}

export const reencryptJob = defineJob('pii-reencrypt', z.strictObject({}));
/** Values read, and moved on the CPU pool, together. */
const BATCH = 500;
/** Values written per transaction: the embedded database (PGlite) runs its statements on the request thread. */
const WRITE_EVERY = 50;

/**
 * After a rotation, moves every encrypted field to the active key version, so retired versions can eventually be
 * destroyed. Runs nightly and right after a rotation; idempotent — a row already on the active version is not touched.
 * The values are opened and sealed again on the CPU pool's threads (ADR 0022); the writes are small transactions
 * that replace a value only if it is still the one read, and the job gives way to the console between them.
 */
export function registerReencryption(jobs: JobQueue, fields: FieldCrypto, cpu: CpuPool, columns: EncryptedColumn[]): void {
  jobs.register(
    reencryptJob,
    async (_payload, { db, signal, giveWay }) => {
      const current = await fields.currentVersion();
      const prefix = `f1.${current}.`;
      for (const c of columns) {
        for (;;) {
          if (signal.aborted) return;
          const rows = await repo.staleValues(db, c, prefix, BATCH);
          const moved = await fields.resealMany(
            cpu,
            rows.map((r) => r.value),
            c.context,
          );
          for (let from = 0; from < rows.length; from += WRITE_EVERY) {
            await giveWay();
            await yieldToEventLoop();
            await db.transaction(async (tx) => {
              for (let i = from; i < Math.min(from + WRITE_EVERY, rows.length); i++) await repo.rewriteValue(tx, c, rows[i]!.id, rows[i]!.value, moved[i]!);
            });
          }
          if (rows.length < BATCH) break;
        }
      }
    },
    { timeoutMs: 30 * 60_000 },
  );
  jobs.schedules.schedule('pii-reencrypt', '45 2 * * *', reencryptJob, {});
}
