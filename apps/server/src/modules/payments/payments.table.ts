import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Mismatch } from './reconcile.policy.ts';

/** 罚款缴纳订单 (G10): one row per payment attempt; `paid` only on the channel's signed notification. */
export const finePayments = pgTable(
  'fine_payments',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    merchantOrderNo: text('merchant_order_no').notNull(),
    decisionNo: text('decision_no').notNull(),
    fineFen: integer('fine_fen').notNull(),
    lateFeeFen: integer('late_fee_fen').notNull(),
    amountFen: integer('amount_fen').notNull(),
    state: text().$type<'created' | 'paid' | 'refunded' | 'closed'>().notNull(),
    refundedFen: integer('refunded_fen').notNull().default(0),
    channelOrderNo: text('channel_order_no'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** G9: the payer's mobile for the 缴款 notice (SM4), the gateway's message ID and what became of it. */
    noticePhoneEnc: text('notice_phone_enc'),
    noticeMsgId: text('notice_msg_id'),
    noticeState: text('notice_state').$type<'sent' | 'delivered' | 'undelivered' | 'failed'>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fine_payments_order_uq').on(t.merchantOrderNo),
    // A decision is paid once.
    uniqueIndex('fine_payments_paid_uq').on(t.decisionNo).where(sql`${t.state} = 'paid'`),
    index('fine_payments_decision_idx').on(t.decisionNo),
    check('fine_payments_state', sql`${t.state} in ('created', 'paid', 'refunded', 'closed')`),
    index('fine_payments_paid_at_idx').on(t.paidAt),
    index('fine_payments_notice_msg_idx').on(t.noticeMsgId),
    // The console lists the newest first.
    index('fine_payments_created_idx').on(t.createdAt),
  ],
);

/**
 * G10 退款: one row per refund the channel accepted, written in the transaction that raises the order's refunded
 * total; the daily reconciliation compares a day's rows with the statement's REFUND lines.
 */
export const finePaymentRefunds = pgTable(
  'fine_payment_refunds',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    paymentId: bigint('payment_id', { mode: 'number' })
      .notNull()
      .references(() => finePayments.id),
    refundNo: text('refund_no').notNull(),
    amountFen: integer('amount_fen').notNull(),
    reason: text().notNull(),
    refundedAt: timestamp('refunded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fine_payment_refunds_no_uq').on(t.refundNo),
    index('fine_payment_refunds_payment_idx').on(t.paymentId),
    index('fine_payment_refunds_at_idx').on(t.refundedAt),
    check('fine_payment_refunds_amount', sql`${t.amountFen} > 0`),
  ],
);

/** G10 daily reconciliation against the e-CNY channel's statement: one row per Shanghai day, the latest run kept. */
export const paymentReconciliations = pgTable('payment_reconciliations', {
  day: date().primaryKey(),
  matched: integer().notNull(),
  mismatchCount: integer('mismatch_count').notNull(),
  mismatches: jsonb().notNull().$type<Mismatch[]>(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * G6 anti-enumeration (SECURITY.md §3): possession-factor mismatches per partner and plate in a one-hour window, and
 * the lock they lead to. The key is the partner's account name and the plate's keyed digest, never the plate.
 */
export const paymentQueryLocks = pgTable('payment_query_locks', {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/**
 * G5 local citizen account: one per person, created the first time the hub asserts a certified identity for them and
 * found again by the keyed digest of the ID number (never stored in clear); every openid of that person maps to it.
 */
export const citizenAccounts = pgTable(
  'citizen_accounts',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    idNumberIdx: text('id_number_idx').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    nameEnc: text('name_enc'),
    /** The keyed digest of the normalised name (`normalisePersonName`): found by the whole name, kept in step with the hub's. */
    nameIdx: text('name_idx'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('citizen_accounts_id_number_idx_uq').on(t.idNumberIdx),
    index('citizen_accounts_name_idx').on(t.nameIdx),
    // The accounts filed before names were indexed, indexed at start (empty once done, so the start costs nothing).
    index('citizen_accounts_name_unindexed').on(t.id).where(sql`${t.nameEnc} is not null and ${t.nameIdx} is null`),
  ],
);

/** G5 用户信息备案: a 随申办 identity the hub asserted, filed the first time it is seen and sent to the police zone. */
export const citizenIdentities = pgTable(
  'citizen_identities',
  {
    openid: text().primaryKey(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull().defaultNow(),
    lastAssertedAt: timestamp('last_asserted_at', { withTimezone: true }).notNull().defaultNow(),
    /** The local account, once an assertion for this openid named a certified person. */
    accountId: bigint('account_id', { mode: 'number' }).references(() => citizenAccounts.id),
    /** The account's mobile number as the hub last asserted it (SM4), and its keyed digest to see a change without decrypting. */
    mobileEnc: text('mobile_enc'),
    mobileIdx: text('mobile_idx'),
    /** The version of the filed record (its `users` record's version): 1 filed, +1 per change (mapped, new mobile number). */
    version: integer().notNull().default(1),
  },
  (t) => [index('citizen_identities_account_idx').on(t.accountId)],
);

/** G5: what a filed record held before each change (the replaced version), kept as the filing's history. */
export const citizenIdentityHistory = pgTable(
  'citizen_identity_history',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    openid: text()
      .notNull()
      .references(() => citizenIdentities.openid),
    version: integer().notNull(),
    accountId: bigint('account_id', { mode: 'number' }),
    mobileEnc: text('mobile_enc'),
    /** What changed: `mapped` (to a local account), `mobile`. */
    changes: text().array().notNull(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('citizen_identity_history_uq').on(t.openid, t.version)],
);

/**
 * G9 短信模板: a template is used only once approved, and approved only by an administrator other than the one who
 * registered it (maker/checker). The built-in ones (text shipped in the code) are registered approved by the system at start.
 */
export const smsTemplates = pgTable(
  'sms_templates',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    text: text().notNull(),
    urgent: boolean().notNull().default(false),
    state: text().$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    /** Null: registered by the system (a built-in template). */
    createdBy: bigint('created_by', { mode: 'number' }),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: bigint('reviewed_by', { mode: 'number' }),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
  },
  (t) => [
    uniqueIndex('sms_templates_code_uq').on(t.code),
    check('sms_templates_state', sql`${t.state} in ('pending', 'approved', 'rejected')`),
    // Maker/checker also in the database: nobody approves their own template.
    check('sms_templates_checker', sql`${t.reviewedBy} is null or ${t.createdBy} is null or ${t.reviewedBy} <> ${t.createdBy}`),
    index('sms_templates_created_idx').on(t.createdAt),
  ],
);

/**
 * G9 短信发送状态: one row per message (the sender's batch ID) any module sent or holds through `SmsSender`, written
 * with each outcome. The number only once an attempt asked for it: SM4, and its keyed digest (kind `sms-phone`, the
 * one the per-number limits use) to find a number's messages without comparing it in clear.
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    batchId: text('batch_id').notNull(),
    templateCode: text('template_code').notNull(),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    state: text().$type<'quiet-hours' | 'template' | 'limit' | 'retry' | 'sent' | 'delivered' | 'undelivered' | 'failed'>().notNull(),
    errorCode: text('error_code'),
    attempts: integer().notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    msgId: text('msg_id'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    /** The template's variables (SM4, JSON): what a manual resend sends again. Null for messages recorded before. */
    paramsEnc: text('params_enc'),
    /** The message this one resends (the console's 重发); a message is resent at most once, its resend may be again. */
    resendOf: bigint('resend_of', { mode: 'number' }).references((): AnyPgColumn => smsMessages.id),
  },
  (t) => [
    uniqueIndex('sms_messages_batch_uq').on(t.batchId),
    uniqueIndex('sms_messages_resend_uq').on(t.resendOf),
    check('sms_messages_state', sql`${t.state} in ('quiet-hours', 'template', 'limit', 'retry', 'sent', 'delivered', 'undelivered', 'failed')`),
    // The list is newest first; its filters: a number's messages, a state, a template, a day range.
    index('sms_messages_phone_idx').on(t.phoneIdx, t.id),
    index('sms_messages_state_idx').on(t.state, t.id),
    index('sms_messages_template_idx').on(t.templateCode, t.id),
    index('sms_messages_created_idx').on(t.createdAt),
    index('sms_messages_msg_idx').on(t.msgId),
  ],
);
