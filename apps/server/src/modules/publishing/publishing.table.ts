import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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

/**
 * G8: the files of a content version (PDF, JPEG, PNG), kept in the platform image store by digest (content-addressed:
 * the same file in several versions is stored once). Uploaded to a draft by its author; a new version drafted from a
 * published one starts with that version's files; the public gets the files of the version it sees.
 */
export const publishAttachments = pgTable(
  'publish_attachments',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contentId: bigint('content_id', { mode: 'number' })
      .notNull()
      .references(() => publishContents.id),
    digest: text().notNull(),
    filename: text().notNull(),
    mime: text().notNull(),
    size: integer().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A file once per version: the public address names it by its digest.
    uniqueIndex('publish_attachments_content_digest_uq').on(t.contentId, t.digest),
    // The image store's holder check (erasures) looks rows up by digest.
    index('publish_attachments_digest_idx').on(t.digest),
  ],
);

/**
 * G4: the services of the 一网通办 traffic-police area (办事事项), registered with the hub. Each change is a new
 * `version` pushed through `hub_pushes`; `synced_version` is the highest the hub has accepted.
 */
export const hubServices = pgTable(
  'hub_services',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    serviceCode: text('service_code').notNull(),
    name: text().notNull(),
    category: text().notNull(),
    onlineUrl: text('online_url').notNull(),
    status: text().$type<'online' | 'offline'>().notNull(),
    /** `draft`: filed by the zone's first start, not sent until a reviewer registers it. */
    state: text().$type<'draft' | 'registered'>().notNull().default('registered'),
    version: integer().notNull(),
    syncedVersion: integer('synced_version'),
    updatedBy: bigint('updated_by', { mode: 'number' }).notNull(),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('hub_services_code_uq').on(t.serviceCode),
    check('hub_services_status', sql`${t.status} in ('online', 'offline')`),
    check('hub_services_state', sql`${t.state} in ('draft', 'registered')`),
  ],
);

/**
 * G4: the outbox of calls to the hub (a service's version, a content version published or withdrawn, a 办件's
 * status — kind `case`, key its business number, version the status's rank), filled in the business transaction
 * and sent by the `publishing.hub-push` job: one row per (kind, key, version, op), so a repeated enqueue adds
 * nothing. `superseded`: a newer version reached the hub first, this one is not sent.
 */
export const hubPushes = pgTable(
  'hub_pushes',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text().$type<'service' | 'content' | 'case'>().notNull(),
    businessKey: text('business_key').notNull(),
    version: integer().notNull(),
    op: text().$type<'register' | 'publish' | 'withdraw' | 'status'>().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    state: text().$type<'pending' | 'sent' | 'failed' | 'superseded'>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('hub_pushes_uq').on(t.kind, t.businessKey, t.version, t.op),
    check('hub_pushes_state', sql`${t.state} in ('pending', 'sent', 'failed', 'superseded')`),
    check('hub_pushes_kind', sql`${t.kind} in ('service', 'content', 'case')`),
    index('hub_pushes_state_idx').on(t.state, t.id),
  ],
);
