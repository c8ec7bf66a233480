import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * G8 信息发布: one row per version of an item (`item_key`). A version is drafted, submitted, and approved (published
 * now or at `publish_at`) or rejected by someone other than its author; the public sees, per item, the newest
 * published version whose time has come. Withdrawing ends the item's publication.
 */
export const publishContents = pgTable(
  'publish_contents',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    itemKey: text('item_key').notNull(),
    version: integer().notNull(),
    kind: text().$type<'notice' | 'consultation'>().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    state: text().$type<'draft' | 'pending' | 'published' | 'rejected' | 'withdrawn'>().notNull().default('draft'),
    createdBy: bigint('created_by', { mode: 'number' }).notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: bigint('reviewed_by', { mode: 'number' }),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    publishAt: timestamp('publish_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('publish_contents_version_uq').on(t.itemKey, t.version),
    check('publish_contents_state', sql`${t.state} in ('draft', 'pending', 'published', 'rejected', 'withdrawn')`),
    check('publish_contents_kind', sql`${t.kind} in ('notice', 'consultation')`),
    // Maker/checker also in the database: nobody reviews their own version.
    check('publish_contents_checker', sql`${t.reviewedBy} is null or ${t.reviewedBy} <> ${t.createdBy}`),
    // The public read: published versions by time.
    index('publish_contents_public_idx').on(t.state, t.publishAt),
    index('publish_contents_created_idx').on(t.createdAt),
  ],
);
