import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * HMAC-SM3 of every access-control record (C2: users with their role grants, roles with their
 * permissions, system parameters), written by the application in the transaction of each change. A row
 * without its MAC, with a wrong one, or a MAC without its row is a change made outside the application.
 */
export const recordMacs = pgTable(
  'record_macs',
  {
    kind: text().notNull(),
    recordId: text('record_id').notNull(),
    mac: text().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.recordId] })],
);
