import type { DbOrTx } from '../db/client.ts';
import { tokenBucketRepository as repo } from './token-bucket.repository.ts';

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Token buckets per key (app ID) in the database, shared by every instance: `burst` tokens at most, refilled at
 * `rps` per second. One statement takes a token or reports the wait, under the bucket's row lock, so concurrent calls
 * on several instances never take the same token. The clock is the database's: instances need not agree on time.
 */
export class TokenBuckets {
  constructor(private readonly db: DbOrTx) {}

  /** Takes one token; when none is left, returns the whole seconds to wait for the next one. */
  async take(key: string, rps: number, burst: number): Promise<Take> {
    const row = await repo.take(this.db, key, rps, burst);
    if (row.taken) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / rps)) };
  }
}
