import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../platform/rbac/rbac.table.ts';

/**
 * G5/G13 police zone: the newest internet-zone initial password a recognised officer asked for, SM4-encrypted (field
 * key), kept until it has crossed sealed on `police-users` (its records carry it for `STAFF_PASSWORD_CROSSING_HOURS`).
 */
export const exchangeStaffPasswords = pgTable('exchange_staff_passwords', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  passwordEnc: text('password_enc').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
});
