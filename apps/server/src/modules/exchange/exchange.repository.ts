import { and, asc, count, desc, eq, getTableColumns, gt, inArray, isNull, ne, type SQLWrapper, sql } from 'drizzle-orm';
import { type DbOrTx, isTransaction, queryRows } from '../../platform/db/client.ts';
import { preparedPerDatabase, preparedSql } from '../../platform/db/prepared.ts';
import { exchangeChannels, exchangeOutbox, exchangeOutboxWaiting, exchangePackages, exchangeRecords } from './exchange.table.ts';
import type { ExchangeRecord, OpenedPayload } from './package/package-format.ts';

export type Direction = 'out' | 'in';
/** A package row as read back: without the outbox ids an outbound package carried (thousands of numbers, read by no one here). */
const { outboxIds: _carried, ...packageColumns } = getTableColumns(exchangePackages);
export type PackageRow = Omit<typeof exchangePackages.$inferSelect, 'outboxIds'>;
export type NewPackage = Omit<typeof exchangePackages.$inferInsert, 'id'>;

/** What the receiver of a package reports back: applied, with how many records written (newer versions only). */
export interface Receipt {
  packageId: string;
  channel: string;
  sequence: number;
  records: number;
  written: number;
  appliedAt: string;
}

/** Records per upsert statement (array parameters: no limit of 65,535 parameters to stay under). */
const UPSERT_CHUNK = 5000;

/** Records of a channel whose possession digest is this (the possession index's expression). */
const possessionIs = (channel: SQLWrapper | string, digest: SQLWrapper | string) =>
  and(eq(exchangeRecords.channel, channel), sql`${exchangeRecords.record}->>'possession' = ${digest}`);

/** A vehicle's records newest first, each with the count of all of them. */
const byPossessionQuery = (db: DbOrTx, channel: SQLWrapper | string, digest: SQLWrapper | string) =>
  db
    .select({ record: exchangeRecords.record, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(exchangeRecords)
    .where(possessionIs(channel, digest))
    .orderBy(desc(exchangeRecords.updatedAt), desc(exchangeRecords.businessKey))
    .$dynamic();

const byPossessionPrepared = preparedPerDatabase((db) =>
  byPossessionQuery(db, sql.placeholder('channel'), sql.placeholder('digest'))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare('exchange_records_by_possession'),
);

/**
 * A vehicle's page on one channel as `byPossessionPrepared` reads it, and — only when that page is empty — one row
 * (`held` true) with the vehicle's newest record on the first of `count` channels (`held0`, `held1`, …) that has one,
 * or null: one `limit 1` subquery per channel, asked in turn (`coalesce` stops at the first found), each planned as
 * the page is (a list of channels in one `= any(…)` made PostgreSQL plan the statement on every call).
 */
function byPossessionOrHeldStatement(count: number) {
  let statement = byPossessionOrHeldStatements.get(count);
  if (!statement) {
    const newest = (i: number) =>
      sql`(select ${exchangeRecords.record} from ${exchangeRecords} where ${possessionIs(sql.placeholder(`held${i}`), sql.placeholder('digest'))}
           order by ${exchangeRecords.updatedAt} desc, ${exchangeRecords.businessKey} desc limit 1)`;
    statement = preparedSql<{ record: unknown; total: number | string; held: boolean }>(
      `exchange_records_by_possession_or_held_${count}`,
      sql`with page as (
          select ${exchangeRecords.record} as record, count(*) over () as total from ${exchangeRecords}
          where ${possessionIs(sql.placeholder('channel'), sql.placeholder('digest'))}
          order by ${exchangeRecords.updatedAt} desc, ${exchangeRecords.businessKey} desc
          limit ${sql.placeholder('limit')} offset ${sql.placeholder('offset')}
        )
        select record, total, false as held from page
        union all
        select coalesce(${sql.join(
          Array.from({ length: count }, (_, i) => newest(i)),
          sql`, `,
        )}), 0, true where not exists (select 1 from page)`,
    );
    byPossessionOrHeldStatements.set(count, statement);
  }
  return statement;
}
const byPossessionOrHeldStatements = new Map<number, ReturnType<typeof preparedSql<{ record: unknown; total: number | string; held: boolean }>>>();

/** SQL of the 数据交换 module. */
/** A channel's waiting records after an outbox id, oldest first, with their data as JSON text. */
const waiting = (db: DbOrTx, channel: string, limit: number, afterId: number) =>
  db
    .select({ id: exchangeOutbox.id, key: exchangeOutbox.businessKey, version: exchangeOutbox.version, data: sql<string>`${exchangeOutbox.record}::text` })
    .from(exchangeOutboxWaiting)
    .innerJoin(exchangeOutbox, eq(exchangeOutbox.id, exchangeOutboxWaiting.outboxId))
    .where(and(eq(exchangeOutboxWaiting.channel, channel), gt(exchangeOutboxWaiting.outboxId, afterId)))
    .orderBy(asc(exchangeOutboxWaiting.outboxId))
    .limit(limit)
    .$dynamic();

export const exchangeRepository = {
  /** The records and their waiting marks in one statement (atomic even outside a transaction); columns as array parameters. */
  async addToOutbox(db: DbOrTx, channel: string, records: readonly ExchangeRecord[]): Promise<void> {
    if (records.length === 0) return;
    await db.execute(sql`with added as (
        insert into exchange_outbox (channel, business_key, version, record)
        select ${channel}, u.business_key, u.version, u.record
        from unnest(${sql.param(records.map((r) => r.key))}::text[], ${sql.param(records.map((r) => r.version))}::bigint[],
          ${sql.param(records.map((r) => JSON.stringify(r.data)))}::jsonb[]) with ordinality as u(business_key, version, record, n)
        order by u.n
        returning id)
      insert into exchange_outbox_waiting (channel, outbox_id) select ${channel}, id from added`);
  },

  /** Which of these keys this zone ever put in a channel's outbox (a disabled account crosses only if it crossed before). */
  async keysEverSent(db: DbOrTx, channel: string, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await db
      .selectDistinct({ key: exchangeOutbox.businessKey })
      .from(exchangeOutbox)
      .where(and(eq(exchangeOutbox.channel, channel), inArray(exchangeOutbox.businessKey, [...keys])));
    return new Set(rows.map((r) => r.key));
  },

  /** Channels with records waiting. */
  async waitingChannels(db: DbOrTx): Promise<string[]> {
    const rows = await db.selectDistinct({ channel: exchangeOutboxWaiting.channel }).from(exchangeOutboxWaiting);
    return rows.map((r) => r.channel);
  },

  /**
   * The oldest waiting records of a channel, their waiting marks locked for the sealing transaction (others skip them);
   * the data as JSON text, written into the package as it is. `afterId`: the last id this sealing run took, so that the
   * index scan starts past the marks it has deleted (dead until vacuumed: scanning them again per package made the
   * run quadratic in packages — 1 M records at 5,000 a package).
   */
  async lockWaiting(db: DbOrTx, channel: string, limit: number, afterId = 0) {
    return waiting(db, channel, limit, afterId).for('update', { of: exchangeOutboxWaiting, skipLocked: true });
  },

  /** The same records, not locked: what the next package will probably hold (its attachments are read before it is sealed). */
  async peekWaiting(db: DbOrTx, channel: string, limit: number, afterId = 0) {
    return waiting(db, channel, limit, afterId);
  },

  /**
   * Sealed: the records' waiting marks deleted (the outbox rows stay as they were; the package row names them). One
   * array parameter, not a parameter per id (a package of thousands of records: issue #18's bench).
   */
  async markSent(db: DbOrTx, channel: string, ids: readonly number[]): Promise<void> {
    if (ids.length > 0)
      await db
        .delete(exchangeOutboxWaiting)
        .where(and(eq(exchangeOutboxWaiting.channel, channel), sql`${exchangeOutboxWaiting.outboxId} = any(${sql.param([...ids])}::bigint[])`));
  },

  /** The channel's row, locked (created at 0 on first use). */
  async lockChannel(db: DbOrTx, direction: Direction, channel: string) {
    await db.insert(exchangeChannels).values({ direction, channel }).onConflictDoNothing();
    const [row] = await db
      .select()
      .from(exchangeChannels)
      .where(and(eq(exchangeChannels.direction, direction), eq(exchangeChannels.channel, channel)))
      .for('update');
    if (!row) throw new Error(`exchange channel ${direction}/${channel} missing`);
    return row;
  },

  async setChannel(db: DbOrTx, direction: Direction, channel: string, values: { lastSequence?: number; watermark?: string | null }): Promise<void> {
    await db
      .update(exchangeChannels)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(exchangeChannels.direction, direction), eq(exchangeChannels.channel, channel)));
  },

  async insertPackage(db: DbOrTx, row: NewPackage): Promise<PackageRow> {
    const [created] = await db.insert(exchangePackages).values(row).returning(packageColumns);
    if (!created) throw new Error('package not inserted');
    return created;
  },

  async packageById(db: DbOrTx, direction: Direction, packageId: string): Promise<PackageRow | undefined> {
    const [row] = await db
      .select(packageColumns)
      .from(exchangePackages)
      .where(and(eq(exchangePackages.direction, direction), eq(exchangePackages.packageId, packageId), ne(exchangePackages.state, 'duplicate')));
    return row;
  },

  async packageByRef(db: DbOrTx, id: number): Promise<PackageRow | undefined> {
    const [row] = await db.select(packageColumns).from(exchangePackages).where(eq(exchangePackages.id, id));
    return row;
  },

  async outboundBySequence(db: DbOrTx, channel: string, sequences: readonly number[]): Promise<PackageRow[]> {
    if (sequences.length === 0) return [];
    return db
      .select(packageColumns)
      .from(exchangePackages)
      .where(and(eq(exchangePackages.direction, 'out'), eq(exchangePackages.channel, channel), inArray(exchangePackages.sequence, [...sequences])));
  },

  /** Marks outbound packages confirmed by the other zone's receipts (a repeated receipt changes nothing). */
  async confirmOutbound(db: DbOrTx, receipts: readonly Receipt[]): Promise<void> {
    for (const r of receipts) {
      await db
        .update(exchangePackages)
        .set({ confirmedAt: new Date(r.appliedAt), confirmedRecords: r.records })
        .where(and(eq(exchangePackages.direction, 'out'), eq(exchangePackages.packageId, r.packageId), isNull(exchangePackages.confirmedAt)));
    }
  },

  async updatePackage(db: DbOrTx, id: number, values: Partial<Pick<PackageRow, 'state' | 'reason' | 'appliedAt' | 'resentAt'>>): Promise<void> {
    await db.update(exchangePackages).set(values).where(eq(exchangePackages.id, id));
  },

  /** Sequences a channel has received but held (waiting for an earlier one). */
  async heldSequences(db: DbOrTx, channel: string): Promise<number[]> {
    const rows = await db
      .select({ sequence: exchangePackages.sequence })
      .from(exchangePackages)
      .where(and(eq(exchangePackages.direction, 'in'), eq(exchangePackages.channel, channel), eq(exchangePackages.state, 'held')));
    return rows.map((r) => r.sequence);
  },

  /**
   * Upserts records by business key, keeping the higher version (an older or equal version changes nothing): one
   * statement per chunk, keys and versions as array parameters, the data taken by PostgreSQL from the package's own JSONL
   * lines (one JSON array text: nothing re-stringified, nothing escaped per record), inside the package's transaction.
   * Returns the number of rows written.
   */
  async upsertRecords(db: DbOrTx, channel: string, opened: OpenedPayload, packageRef: number): Promise<number> {
    let written = 0;
    // The newest version per key inside the package, so one statement never touches a key twice.
    const newest = new Map<string, number>();
    opened.records.forEach((r, i) => {
      const seen = newest.get(r.key);
      if (seen === undefined || (opened.records[seen] as ExchangeRecord).version < r.version) newest.set(r.key, i);
    });
    const picked = [...newest.values()];
    for (let i = 0; i < picked.length; i += UPSERT_CHUNK) {
      const chunk = picked.slice(i, i + UPSERT_CHUNK);
      const records = chunk.map((n) => opened.records[n] as ExchangeRecord);
      const result = await queryRows<{ key: string }>(
        db,
        sql`insert into exchange_records (channel, business_key, version, record, package_ref)
          select ${channel}, u.business_key, u.version, l.line -> 'data', ${packageRef}
          from unnest(${sql.param(records.map((r) => r.key))}::text[], ${sql.param(records.map((r) => r.version))}::bigint[])
              with ordinality as u(business_key, version, n)
            join jsonb_array_elements(${`[${chunk.map((n) => opened.lines[n]).join(',')}]`}::jsonb) with ordinality as l(line, n) on l.n = u.n
          on conflict (channel, business_key) do update
            set version = excluded.version, record = excluded.record, package_ref = excluded.package_ref, updated_at = now()
            where excluded.version > exchange_records.version
          returning business_key as key`,
      );
      written += result.length;
    }
    return written;
  },

  async record(db: DbOrTx, channel: string, businessKey: string) {
    const [row] = await db
      .select()
      .from(exchangeRecords)
      .where(and(eq(exchangeRecords.channel, channel), eq(exchangeRecords.businessKey, businessKey)));
    return row;
  },

  /**
   * One page of the records of a channel with this possession digest (indexed), newest first, and how many there are:
   * one round trip, the total counted over the matching rows by the page query itself (`count(*) over ()`; a vehicle
   * holds a few records, all of which the newest-first sort reads anyway), prepared outside a transaction (G6 runs it
   * on every query). Only a page past the end, which carries no row to count on, asks for the total separately.
   */
  async recordsByPossession(db: DbOrTx, channel: string, digest: string, page: { limit: number; offset: number }) {
    const rows = isTransaction(db)
      ? await byPossessionQuery(db, channel, digest).limit(page.limit).offset(page.offset)
      : await byPossessionPrepared(db).execute({ channel, digest, limit: page.limit, offset: page.offset });
    const items = rows.map((r) => ({ record: r.record }));
    if (rows[0]) return { items, total: rows[0].total };
    if (page.offset === 0) return { items, total: 0 };
    const [total] = await db.select({ n: count() }).from(exchangeRecords).where(possessionIs(channel, digest));
    return { items, total: total?.n ?? 0 };
  },

  /**
   * As `recordsByPossession`, and when the page is empty, the vehicle's newest record on the first of `heldIn` that has
   * one (`held`, else null) — in the same round trip (G6: a vehicle without decisions is answered only if it is held).
   */
  async recordsByPossessionOrHeld(db: DbOrTx, channel: string, digest: string, page: { limit: number; offset: number }, heldIn: readonly string[]) {
    const values: Record<string, unknown> = { channel, digest, limit: page.limit, offset: page.offset };
    heldIn.forEach((held, i) => {
      values[`held${i}`] = held;
    });
    const rows = await byPossessionOrHeldStatement(heldIn.length)(db, values);
    const items = rows.filter((r) => !r.held).map((r) => ({ record: r.record }));
    if (rows[0] && !rows[0].held) return { items, total: Number(rows[0].total), held: null };
    const held = rows[0]?.record ?? null;
    if (page.offset === 0) return { items, total: 0, held };
    const [total] = await db.select({ n: count() }).from(exchangeRecords).where(possessionIs(channel, digest));
    return { items, total: total?.n ?? 0, held };
  },

  /**
   * Received packages that need an operator: held until a missing sequence arrives, and quarantined ones whose sequence
   * has not been applied since (a resent copy settles it; the unique applied-sequence index answers the check).
   */
  async attentionCounts(db: DbOrTx): Promise<{ quarantined: number; held: number }> {
    const [row] = await db
      .select({
        quarantined: sql<number>`count(*) filter (where ${exchangePackages.state} = 'quarantined' and not exists (
          select 1 from exchange_packages a where a.direction = 'in' and a.state = 'applied'
            and a.channel = exchange_packages.channel and a.sequence = exchange_packages.sequence))::int`,
        held: sql<number>`count(*) filter (where ${exchangePackages.state} = 'held')::int`,
      })
      .from(exchangePackages)
      .where(and(eq(exchangePackages.direction, 'in'), sql`${exchangePackages.state} in ('held', 'quarantined')`));
    return row ?? { quarantined: 0, held: 0 };
  },

  async listPackages(db: DbOrTx, filter: { direction: Direction; state?: PackageRow['state']; limit: number; offset: number }) {
    const where = and(eq(exchangePackages.direction, filter.direction), filter.state ? eq(exchangePackages.state, filter.state) : undefined);
    const items = await db
      .select(packageColumns)
      .from(exchangePackages)
      .where(where)
      .orderBy(desc(exchangePackages.id))
      .limit(filter.limit)
      .offset(filter.offset);
    const [total] = await db.select({ n: count() }).from(exchangePackages).where(where);
    return { items, total: total?.n ?? 0 };
  },

  /** Packages and records per day (Asia/Shanghai), direction and channel, from a day on. */
  async reconciliation(db: DbOrTx, from: Date) {
    const day = sql<string>`to_char(${exchangePackages.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
    return db
      .select({
        day,
        direction: exchangePackages.direction,
        channel: exchangePackages.channel,
        packages: sql<number>`count(*) filter (where ${exchangePackages.state} in ('sealed', 'applied'))::int`,
        records: sql<number>`coalesce(sum(${exchangePackages.recordCount}) filter (where ${exchangePackages.state} in ('sealed', 'applied')), 0)::int`,
        quarantined: sql<number>`count(*) filter (where ${exchangePackages.state} = 'quarantined')::int`,
        // Outbound: what the other zone's receipts say it applied (inbound: null — this zone applied them itself).
        confirmed: sql<number | null>`case when ${exchangePackages.direction} = 'out' then coalesce(sum(${exchangePackages.confirmedRecords}), 0)::int end`,
      })
      .from(exchangePackages)
      .where(gt(exchangePackages.createdAt, from))
      .groupBy(day, exchangePackages.direction, exchangePackages.channel)
      .orderBy(desc(day), exchangePackages.direction, exchangePackages.channel);
  },
};
