import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';
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
const BATCH = 500;

/**
 * After a rotation, moves every encrypted field to the active key version in batches (one transaction
 * each), so retired versions can eventually be destroyed. Runs nightly and right after a rotation;
 * idempotent — a row already on the active version is not touched.
 */
export function registerReencryption(jobs: JobQueue, fields: FieldCrypto, columns: EncryptedColumn[]): void {
  jobs.register(
    reencryptJob,
    async (_payload, { db, signal }) => {
      const current = await fields.currentVersion();
      const prefix = `f1.${current}.`;
      for (const c of columns) {
        for (;;) {
          if (signal.aborted) return;
          const moved = await db.transaction(async (tx) => {
            const rows = await repo.staleValues(tx, c, prefix, BATCH);
            for (const r of rows) {
              const plain = await fields.decrypt(r.value, c.context);
              await repo.rewriteValue(tx, c, r.id, await fields.encrypt(plain, c.context));
            }
            return rows.length;
          });
          if (moved < BATCH) break;
        }
      }
    },
    { timeoutMs: 30 * 60_000 },
  );
  jobs.schedules.schedule('pii-reencrypt', '45 2 * * *', reencryptJob, {});
}
