import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import { serviceAccountRateBuckets as buckets } from './service-accounts.table.ts';

/** The SQL of the shared token buckets (service-account rate limit). */
export const tokenBucketRepository = {
  /**
   * Refills the key's bucket by the time since its last use (at most `burst`, `rps` per second, the database's clock)
   * and takes one token if there is one, in one statement under the bucket's row lock. Returns the tokens left and
   * whether one was taken.
   */
  async take(db: DbOrTx, key: string, rps: number, burst: number): Promise<{ tokens: number; taken: boolean }> {
    const available = sql`least(${burst}::float8, ${buckets.tokens} + extract(epoch from clock_timestamp() - ${buckets.at}) * ${rps}::float8)`;
    const [row] = await queryRows<{ tokens: number; taken: boolean }>(
      db,
      sql`insert into ${buckets} (app_id, tokens, taken, at) values (${key}, ${burst}::float8 - 1, true, clock_timestamp())
          on conflict (app_id) do update set
            tokens = case when ${available} >= 1 then ${available} - 1 else ${available} end,
            taken = ${available} >= 1,
            at = clock_timestamp()
          returning tokens, taken`,
    );
    return { tokens: Number(row!.tokens), taken: row!.taken };
  },
};
