import { integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/rbac/rbac.table.ts';

/**
 * G5/G13 user mutual recognition (internet zone): which local account stands for a police-zone account that crossed on
 * the exchange's `police-users` channel, by the police zone's key (its internal account number, not a name).
 */
export const recognisedStaff = pgTable(
  'recognised_staff',
  {
    policeKey: text('police_key').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The police zone's issuance time of the initial password last applied (an older or repeated one is not applied again). */
    initialPasswordIssuedAt: timestamp('initial_password_issued_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('recognised_staff_user_uq').on(t.userId)],
);
