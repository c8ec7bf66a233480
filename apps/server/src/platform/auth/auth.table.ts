import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../rbac/rbac.table.ts';

/** Server-side sessions; the cookie carries a random token, the row is keyed by its SM3 digest. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    ip: text().notNull(),
    userAgent: text('user_agent').notNull().default(''),
    /** A second factor still to present (e.g. 'sm2'); null once fully authenticated. */
    pendingFactor: text('pending_factor'),
    /** The one-time challenge of the pending factor, cleared when answered. */
    factorChallenge: text('factor_challenge'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Failure counters for lockout, per account (kind 'user', lower(username)) and per source IP (kind 'ip'). */
export const authLockouts = pgTable(
  'auth_lockouts',
  {
    kind: text().notNull(),
    subject: text().notNull(),
    failures: integer().notNull().default(0),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subject] })],
);

/** A user's registered SM2 public key (the UKey's, or a soft key file in the demo) for the second factor. */
export const userSm2Keys = pgTable('user_sm2_keys', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Uncompressed 04||x||y, hex. */
  publicKey: text('public_key').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  registeredBy: integer('registered_by'),
});

/**
 * One-time login captchas (SECURITY.md IA-2), bound to the source address that asked for one. The answer is kept
 * only as SM3 over the id and the answer; the login that presents a captcha consumes it, right or wrong.
 */
export const authCaptchas = pgTable(
  'auth_captchas',
  {
    id: text().primaryKey(),
    source: text().notNull(),
    answerHash: text('answer_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('auth_captchas_source_idx').on(t.source, t.createdAt)],
);
