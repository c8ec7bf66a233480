import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, users } from '../rbac/rbac.table.ts';

/**
 * PDA terminals allowed to talk to the server through digital envelopes (C1). The device code is the
 * sender key ID of its envelopes; the SM2 public key verifies them and receives the sealed replies.
 */
export const pdaDevices = pgTable(
  'pda_devices',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    /** Uncompressed hex `04‖x‖y`, checked to be on the curve when registered. */
    publicKey: text('public_key').notNull(),
    /** active | disabled */
    status: text().notNull().default('active'),
    /** DEVICE_CAPABILITIES: what the device may do over the sealed channel (each envelope route names one). */
    capabilities: text().array().notNull().default(sql`'{pda}'::text[]`),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    appVersion: text('app_version'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('pda_devices_code_uq').on(sql`lower(${t.code})`), index('pda_devices_department_idx').on(t.departmentId)],
);

/**
 * Replay cache of envelope nonces (`sender:nonce`), shared by every server instance: a nonce is inserted
 * atomically while its envelope is opened, and purged by a job once the envelope could no longer be fresh.
 */
export const envelopeNonces = pgTable(
  'envelope_nonces',
  {
    nonce: text().primaryKey(),
    device: text().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('envelope_nonces_expires_idx').on(t.expiresAt)],
);
