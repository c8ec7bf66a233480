import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Values set by administrators; definitions and defaults are declared in code by each module. */
export const systemParameters = pgTable('system_parameters', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by'),
  updatedByName: text('updated_by_name'),
});
