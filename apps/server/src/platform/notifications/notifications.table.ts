import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../rbac/rbac.table.ts';

/**
 * The console's notifications (the header bell): one row per recipient. A digest carries a `digest_key` (its kind and
 * day) so that a job run again the same day updates the recipient's one row instead of adding another.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    digestKey: text('digest_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt),
    index('notifications_unread_idx').on(t.recipientId).where(sql`${t.readAt} is null`),
    uniqueIndex('notifications_digest_uq').on(t.recipientId, t.digestKey),
  ],
);
