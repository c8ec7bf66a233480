import { boolean, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const dictTypes = pgTable('dict_types', {
  code: text().primaryKey(),
  name: text().notNull(),
  description: text().notNull().default(''),
  builtIn: boolean('built_in').notNull().default(false),
  enabled: boolean().notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const dictItems = pgTable(
  'dict_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    typeCode: text('type_code')
      .notNull()
      .references(() => dictTypes.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    value: text().notNull(),
    label: text().notNull(),
    sort: integer().notNull().default(0),
    enabled: boolean().notNull().default(true),
  },
  (t) => [uniqueIndex('dict_items_type_value_uq').on(t.typeCode, t.value)],
);
