import type { DbOrTx } from '../db/client.ts';
import { type BucketSpec, type ReadAlongside, tokenBucketRepository as repo } from './token-bucket.repository.ts';

export type { BucketSpec, ReadAlongside } from './token-bucket.repository.ts';

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/** What a bucket's row after a take says: taken, or the whole seconds to wait for the next token at `rps`. */
export const takeOf = (row: { tokens: number; taken: boolean }, rps: number): Take =>
  row.taken ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / rps)) };

/**
 * Token buckets per key (app ID) in the database, shared by every instance: `burst` tokens at most, refilled at
 * `rps` per second. One statement takes a token or reports the wait, under the bucket's row lock, so concurrent calls
 * on several instances never take the same token. The clock is the database's: instances need not agree on time.
 */
export class TokenBuckets {
  constructor(private readonly db: DbOrTx) {}

  /** Takes one token; when none is left, returns the whole seconds to wait for the next one. */
  async take(key: string, rps: number, burst: number): Promise<Take> {
    return takeOf(await repo.take(this.db, key, rps, burst), rps);
  }

  /** Takes one token of each bucket (distinct keys) in one statement; each answers as `take` would, in the given order. */
  async takeEach(specs: readonly BucketSpec[]): Promise<Take[]> {
    return (await this.takeEachReading(specs, null)).takes;
  }

  /**
   * As `takeEach`, and reads `alongside` (a repository's scalar subquery: what the caller checks next) in the same
   * statement, one round trip for both; its value is returned as the driver gives it.
   */
  async takeEachReading(specs: readonly BucketSpec[], alongside: ReadAlongside | null): Promise<{ takes: Take[]; alongside: unknown }> {
    const { rows, alongside: value } = await repo.takeEach(this.db, specs, alongside ?? undefined);
    return { takes: rows.map((row, i) => takeOf(row, specs[i]!.rps)), alongside: value };
  }

  /** Puts back one token of each bucket (at most its burst): the tokens of something that did not happen after all. */
  giveBack(specs: readonly Pick<BucketSpec, 'key' | 'burst'>[]): Promise<void> {
    return repo.giveBack(this.db, specs);
  }
}
