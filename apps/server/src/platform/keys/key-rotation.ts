import type { KeyRotateResult } from '@shtp/core/platform';
import type { Actor } from '../audit/audit.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { Platform } from '../platform.ts';
import { reencryptJob } from './reencrypt.job.ts';

/** Purposes whose rotation leaves data under the old version that a job moves to the new one. */
const REENCRYPTED: ReadonlySet<string> = new Set(['pii-enc']);

/**
 * Rotation from the console: a new version becomes active at once; for `pii-enc` the re-encryption job is
 * enqueued in the rotation's transaction, so it exists exactly when the rotation committed.
 */
export async function rotateKey(platform: Pick<Platform, 'keys' | 'jobs'>, purpose: string, actor: Actor): Promise<KeyRotateResult> {
  const spec = platform.keys.spec(purpose);
  if (!spec) throw notFound('密钥');
  if (!spec.rotatable) throw conflict('KEY_NOT_ROTATABLE', `${spec.label}不可在线轮换（轮换须重建全部索引，属于计划内迁移）`);
  let reencryptJobId: number | null = null;
  const version = await platform.keys.rotate(purpose, actor, async (tx, next) => {
    if (!REENCRYPTED.has(purpose)) return;
    reencryptJobId = (await platform.jobs.enqueue(tx, reencryptJob, {}, { idempotencyKey: `${purpose}:${next}` })).id;
  });
  return { purpose, version, reencryptJobId };
}
