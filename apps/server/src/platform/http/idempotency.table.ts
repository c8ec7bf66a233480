import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The Idempotency-Keys of the routes that declare `config.idempotent` (idempotency.ts): per caller, the key, the
 * keyed digest of the request that first used it and, once answered, that answer (SM4-encrypted: it may carry
 * personal data). A row is `pending` while its request runs — a duplicate waits for it — and `done` after; it is
 * purged once expired.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Whose key: `user:<id>` or `app:<appId>`; one caller never sees another's answer. */
    owner: text().notNull(),
    key: text().notNull(),
    /** `POST /api/…/:id`: for reading the table; the digest is what binds the key to the request. */
    route: text().notNull(),
    /** HMAC-SM3 of method, route, parameters and body (`requestDigest`). */
    digest: text().notNull(),
    /** pending | done */
    state: text().notNull().default('pending'),
    /** While pending: the request holding the key has until then; afterwards a retry of the same request takes over. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }).notNull(),
    statusCode: integer('status_code'),
    contentType: text('content_type'),
    responseEnc: text('response_enc'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('idempotency_keys_owner_key_uq').on(t.owner, t.key), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);
