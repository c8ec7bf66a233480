import { boolean, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, users } from '../rbac/rbac.table.ts';

/**
 * 接入应用: other systems calling our API with signed requests (docs/api/service-accounts.md). HMAC-SM3
 * secrets are kept SM4-encrypted (platform.fields), because verifying an HMAC needs the secret itself; SM2
 * accounts keep only the partner's public key. During a rotation the previous secret or key is still accepted
 * until `previous_valid_until`.
 */
export const serviceAccounts = pgTable(
  'service_accounts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** `app_` + 16 hex digits, sent as `X-App-Id`. */
    appId: text('app_id').notNull(),
    name: text().notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    /** active | disabled */
    status: text().notNull().default('active'),
    scopes: text().array().notNull(),
    /** IP addresses or CIDR blocks; empty accepts any address. */
    ipAllowlist: text('ip_allowlist').array().notNull(),
    /** HMAC-SM3 | SM2 */
    signAlg: text('sign_alg').notNull(),
    secretEnc: text('secret_enc'),
    previousSecretEnc: text('previous_secret_enc'),
    publicKey: text('public_key'),
    previousPublicKey: text('previous_public_key'),
    previousValidUntil: timestamp('previous_valid_until', { withTimezone: true }),
    rateLimitRps: doublePrecision('rate_limit_rps').notNull(),
    rateLimitBurst: integer('rate_limit_burst').notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('service_accounts_app_id_uq').on(t.appId), index('service_accounts_department_idx').on(t.departmentId)],
);

/** Nonces of accepted signed requests, per app, kept past the timestamp window so a replay is refused on every instance. */
export const serviceAccountNonces = pgTable(
  'service_account_nonces',
  {
    appId: text('app_id').notNull(),
    nonce: text().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.nonce] }), index('service_account_nonces_expires_idx').on(t.expiresAt)],
);

/**
 * The token bucket of each app, shared by every instance on the database (N1 scale-out): a limit of N per second
 * stays N per second however many instances the load balancer spreads the calls over.
 */
export const serviceAccountRateBuckets = pgTable('service_account_rate_buckets', {
  appId: text('app_id').primaryKey(),
  tokens: doublePrecision().notNull(),
  /** Whether the last call took a token. */
  taken: boolean().notNull(),
  at: timestamp({ withTimezone: true }).notNull(),
});
