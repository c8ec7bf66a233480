import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import { serviceAccountRateBuckets as buckets } from './service-accounts.table.ts';

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
    const available = sql`least(${burst}::float8, ${buckets.tokens} + extract(epoch from clock_timestamp() - ${buckets.at}) * ${rps}::float8)`;
    const [row] = await queryRows<{ tokens: number; taken: boolean }>(
      this.db,
      sql`insert into ${buckets} (app_id, tokens, taken, at) values (${key}, ${burst}::float8 - 1, true, clock_timestamp())
          on conflict (app_id) do update set
            tokens = case when ${available} >= 1 then ${available} - 1 else ${available} end,
            taken = ${available} >= 1,
            at = clock_timestamp()
          returning tokens, taken`,
    );
    if (row!.taken) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - Number(row!.tokens)) / rps)) };
  }
}
