import { sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Data keys, each wrapped (AEAD) by the master key (KEK) that never enters the database. A purpose has
 * one active version; retired versions stay readable so that old rows decrypt until re-encrypted.
 */
export const cryptoKeys = pgTable(
  'crypto_keys',
  {
    purpose: text().notNull(),
    version: integer().notNull(),
    /** SM4 | HMAC-SM3 | SM2 */
    algorithm: text().notNull(),
    /** base64 of the key material sealed under the KEK, bound to purpose and version. */
    wrapped: text().notNull(),
    /** SM2 public key (uncompressed hex) of an SM2 key pair; null for symmetric keys. */
    publicKey: text('public_key'),
    /** Which master key wrapped it (SM3 prefix of the KEK), to detect a wrong KEK at start. */
    kekId: text('kek_id').notNull(),
    status: text().notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.purpose, t.version] }), uniqueIndex('crypto_keys_active_uq').on(t.purpose).where(sql`${t.status} = 'active'`)],
);
