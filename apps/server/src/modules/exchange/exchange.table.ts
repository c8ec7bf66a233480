import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Records put in this zone's outbox, already masked; filled in the business transaction (or by a source's watermark
 * run). Insert-only: sealing never rewrites these rows (issue #18: a million row rewrites were the crossing's largest
 * cost); what still waits is `exchange_outbox_waiting`, what a package carried is its `outbox_ids`.
 */
export const exchangeOutbox = pgTable('exchange_outbox', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  channel: text().notNull(),
  businessKey: text('business_key').notNull(),
  version: bigint({ mode: 'number' }).notNull(),
  record: jsonb().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The outbox records not sealed yet, one narrow row each, added in the same statement as the record and deleted in the
 * transaction that seals it (a delete writes no new row version and touches no index).
 */
export const exchangeOutboxWaiting = pgTable(
  'exchange_outbox_waiting',
  {
    channel: text().notNull(),
    outboxId: bigint('outbox_id', { mode: 'number' })
      .notNull()
      .references(() => exchangeOutbox.id),
  },
  (t) => [primaryKey({ columns: [t.channel, t.outboxId] })],
);

/** Every package this zone sealed (out) or found in its inbound folder (in), with its state and the reason of a refusal. */
export const exchangePackages = pgTable(
  'exchange_packages',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    packageId: text('package_id').notNull(),
    direction: text().$type<'out' | 'in'>().notNull(),
    channel: text().notNull(),
    sequence: integer().notNull(),
    previousSequence: integer('previous_sequence').notNull(),
    businessType: text('business_type').notNull(),
    recordCount: integer('record_count').notNull(),
    bytes: integer().notNull(),
    state: text().$type<'sealed' | 'applied' | 'duplicate' | 'held' | 'quarantined'>().notNull(),
    reason: text(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    resentAt: timestamp('resent_at', { withTimezone: true }),
    /** Outbound: when the other zone's receipt said it applied the package, and how many records it wrote. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedRecords: integer('confirmed_records'),
    /** Outbound: the outbox records the package carried (ids of exchange_outbox). */
    outboxIds: bigint('outbox_ids', { mode: 'number' }).array(),
  },
  (t) => [
    // A package seen twice gets a second row in state duplicate; every other state once per package.
    uniqueIndex('exchange_packages_id_uq').on(t.direction, t.packageId).where(sql`${t.state} <> 'duplicate'`),
    // One package per sequence number per channel, for what was sealed and for what was applied.
    uniqueIndex('exchange_packages_out_seq_uq').on(t.channel, t.sequence).where(sql`${t.direction} = 'out'`),
    uniqueIndex('exchange_packages_applied_seq_uq').on(t.channel, t.sequence).where(sql`${t.direction} = 'in' and ${t.state} = 'applied'`),
    index('exchange_packages_list_idx').on(t.direction, t.createdAt),
    // The 工作台 count of received packages waiting for an operator (few rows).
    index('exchange_packages_attention_idx').on(t.channel, t.sequence).where(sql`${t.direction} = 'in' and ${t.state} in ('held', 'quarantined')`),
    check('exchange_packages_direction', sql`${t.direction} in ('out', 'in')`),
    check('exchange_packages_state', sql`${t.state} in ('sealed', 'applied', 'duplicate', 'held', 'quarantined')`),
  ],
);

/** Per channel and direction: the last sequence number sealed (out) or applied (in), and a source's watermark. */
export const exchangeChannels = pgTable(
  'exchange_channels',
  {
    direction: text().notNull(),
    channel: text().notNull(),
    lastSequence: integer('last_sequence').notNull().default(0),
    watermark: text(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.direction, t.channel] })],
);

/** What arrived from the other zone: the newest version of each record per data set (already masked by the sender). */
export const exchangeRecords = pgTable(
  'exchange_records',
  {
    channel: text().notNull(),
    businessKey: text('business_key').notNull(),
    version: bigint({ mode: 'number' }).notNull(),
    record: jsonb().notNull(),
    packageRef: bigint('package_ref', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.channel, t.businessKey] }),
    // G6: a citizen's query finds the decisions of a vehicle by its possession digest.
    index('exchange_records_possession_idx').on(t.channel, sql`(${t.record}->>'possession')`),
  ],
);
