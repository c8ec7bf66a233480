import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/client.ts';
import { preparedSql } from '../db/prepared.ts';
import { serviceAccountRateBuckets as buckets } from './service-accounts.table.ts';

/** One bucket to take a token from: `burst` tokens at most, refilled at `rps` per second. */
export interface BucketSpec {
  key: string;
  rps: number;
  burst: number;
}

/** A bucket's values in a prepared statement's text: each a value or the placeholder it is given by. */
export type BucketSpecSql = { [K in keyof BucketSpec]: BucketSpec[K] | Placeholder };

/** The scalar subquery a caller reads in the statement that takes its buckets, prepared with it. */
export interface ReadAlongside {
  /** Names the statement (with the number of buckets): one name per text. */
  name: string;
  /** The subquery, its values as `sql.placeholder(...)` (names other than `key<n>`, `rps<n>`, `burst<n>`). */
  sql: SQL;
  values: Record<string, unknown>;
}

/**
 * Refills the key's bucket by the time since its last use (at most `burst`, `rps` per second, the database's clock)
 * and takes one token if there is one, under the bucket's row lock; returns the tokens left and whether one was taken.
 * With `onlyIf` (a condition on other parts of the caller's statement), the bucket is not touched unless it holds.
 */
export function takeOne({ key, rps, burst }: BucketSpecSql, onlyIf?: SQL): SQL {
  const available = sql`least(${burst}::float8, ${buckets.tokens} + extract(epoch from clock_timestamp() - ${buckets.at}) * ${rps}::float8)`;
  return sql`insert into ${buckets} (app_id, tokens, taken, at) select ${key}, ${burst}::float8 - 1, true, clock_timestamp() where ${onlyIf ?? sql`true`}
          on conflict (app_id) do update set
            tokens = case when ${available} >= 1 then ${available} - 1 else ${available} end,
            taken = ${available} >= 1,
            at = clock_timestamp()
          returning tokens, taken`;
}

/** The SQL of the shared token buckets (service-account rate limit). */
export const tokenBucketRepository = {
  /** Takes one token of the key's bucket in one statement (see `takeOne`). */
  async take(db: DbOrTx, key: string, rps: number, burst: number): Promise<{ tokens: number; taken: boolean }> {
    const [row] = await queryRows<{ tokens: number; taken: boolean }>(db, takeOne({ key, rps, burst }));
    return { tokens: Number(row!.tokens), taken: row!.taken };
  },

  /**
   * Takes one token of each of several distinct buckets in one statement (one round trip), each as `take` does and
   * independently of the others: a bucket that has a token spends it even if another has none. The rows are locked in
   * the order of the keys, sorted here, so that concurrent calls never wait for each other in a cycle. `alongside`, a
   * scalar subquery of the caller's (what it checks next), is read in the same statement and returned as it comes.
   * Prepared per number of buckets and subquery (the hot path of the G6 queries).
   */
  async takeEach(
    db: DbOrTx,
    specs: readonly BucketSpec[],
    alongside?: ReadAlongside,
  ): Promise<{ rows: { tokens: number; taken: boolean }[]; alongside: unknown }> {
    const order = specs.map((s, i) => ({ s, i })).sort((a, b) => (a.s.key < b.s.key ? -1 : a.s.key > b.s.key ? 1 : 0));
    const values: Record<string, unknown> = { ...alongside?.values };
    order.forEach(({ s }, n) => {
      values[`key${n}`] = s.key;
      values[`rps${n}`] = s.rps;
      values[`burst${n}`] = s.burst;
    });
    const [row] = await takeEachStatement(specs.length, alongside)(db, values);
    const rows = new Array<{ tokens: number; taken: boolean }>(specs.length);
    order.forEach(({ i }, n) => {
      rows[i] = { tokens: Number(row![`tokens${n}`]), taken: row![`taken${n}`] === true };
    });
    return { rows, alongside: row!.alongside };
  },

  /** Puts one token back into each bucket (never above its `burst`): what was taken for something that did not happen. */
  async giveBack(db: DbOrTx, specs: readonly Pick<BucketSpec, 'key' | 'burst'>[]): Promise<void> {
    if (specs.length === 0) return;
    await giveBackStatement(db, { keys: specs.map((s) => s.key), bursts: specs.map((s) => s.burst) });
  },
};

const giveBackStatement = preparedSql(
  'token_buckets_give_back',
  sql`update ${buckets} set tokens = least(b.burst, ${buckets.tokens} + 1)
      from unnest(${sql.placeholder('keys')}::text[], ${sql.placeholder('bursts')}::float8[]) as b(key, burst)
      where ${buckets.appId} = b.key`,
);

type TakeEachStatement = ReturnType<typeof preparedSql<Record<string, unknown>>>;
const takeEachStatements = new Map<string, TakeEachStatement>();

/** The statement taking `count` buckets (in key order: the n-th sorted key is `key<n>`) and reading `alongside`. */
function takeEachStatement(count: number, alongside: ReadAlongside | undefined): TakeEachStatement {
  const name = `token_buckets_take_${count}_${alongside?.name ?? 'none'}`;
  let statement = takeEachStatements.get(name);
  if (!statement) {
    const n = Array.from({ length: count }, (_, i) => i);
    const ctes = n.map(
      (i) =>
        sql`${sql.raw(`b${i}`)} as (${takeOne({ key: sql.placeholder(`key${i}`), rps: sql.placeholder(`rps${i}`), burst: sql.placeholder(`burst${i}`) })})`,
    );
    const columns = n.map((i) => sql.raw(`b${i}.tokens as tokens${i}, b${i}.taken as taken${i}`));
    const from = n.map((i) => sql.raw(`b${i}`));
    statement = preparedSql<Record<string, unknown>>(
      name,
      sql`with ${sql.join(ctes, sql`, `)} select ${sql.join(columns, sql`, `)}, ${alongside?.sql ?? sql`null`} as alongside from ${sql.join(from, sql`, `)}`,
    );
    takeEachStatements.set(name, statement);
  }
  return statement;
}
