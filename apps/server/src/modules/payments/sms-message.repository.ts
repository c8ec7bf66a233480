import { and, count, desc, eq, gte, inArray, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.ts';
import { smsMessages, smsTemplates } from './payments.table.ts';

export type SmsMessageRow = typeof smsMessages.$inferSelect & { templateName: string | null; resentAs: string | null };
type StoredState = (typeof smsMessages.$inferSelect)['state'];

/** What one attempt of the sender found: the state, the gateway's error, whether the gateway was called. */
export interface SmsAttempt {
  batchId: string;
  templateCode: string;
  state: StoredState;
  errorCode: string | null;
  called: boolean;
  msgId: string | null;
  phoneEnc: string | null;
  phoneIdx: string | null;
  /** The template's variables, SM4 (kept for a manual resend). */
  paramsEnc: string | null;
  /** A manual resend: the message it sends again. */
  resendOf?: number | undefined;
}

/** A message that went out is never moved back by a later attempt (a concurrent or repeated send of the same batch). */
const GONE_OUT: StoredState[] = ['sent', 'delivered', 'undelivered'];

export interface SmsMessageFilter {
  state?: StoredState | undefined;
  templateCode?: string | undefined;
  phoneIdx?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

const resends = alias(smsMessages, 'resends');
/** Messages with their template's registered name and the batch of their resend. */
const withNames = (db: DbOrTx) =>
  db
    .select({ message: smsMessages, templateName: smsTemplates.name, resentAs: resends.batchId })
    .from(smsMessages)
    .leftJoin(smsTemplates, eq(smsTemplates.code, smsMessages.templateCode))
    .leftJoin(resends, eq(resends.resendOf, smsMessages.id))
    .$dynamic();
const rowOf = (r: { message: typeof smsMessages.$inferSelect; templateName: string | null; resentAs: string | null }): SmsMessageRow => ({
  ...r.message,
  templateName: r.templateName,
  resentAs: r.resentAs,
});

/** SQL of G9's send states (`sms_messages`), written by `SmsSender` and read by the console's 短信发送状态. */
export const smsMessageRepository = {
  /** Records an attempt of a batch: the first creates the row, later ones move it on (never back from sent). */
  async record(db: DbOrTx, a: SmsAttempt): Promise<void> {
    const now = new Date();
    const sent = a.state === 'sent';
    await db
      .insert(smsMessages)
      .values({
        batchId: a.batchId,
        templateCode: a.templateCode,
        state: a.state,
        errorCode: a.errorCode,
        attempts: a.called ? 1 : 0,
        phoneEnc: a.phoneEnc,
        phoneIdx: a.phoneIdx,
        paramsEnc: a.paramsEnc,
        resendOf: a.resendOf ?? null,
        msgId: a.msgId,
        sentAt: sent ? now : null,
        lastAttemptAt: now,
      })
      .onConflictDoUpdate({
        target: smsMessages.batchId,
        set: {
          state: a.state,
          errorCode: a.errorCode,
          attempts: sql`${smsMessages.attempts} + ${a.called ? 1 : 0}`,
          phoneEnc: sql`coalesce(excluded.phone_enc, ${smsMessages.phoneEnc})`,
          phoneIdx: sql`coalesce(excluded.phone_idx, ${smsMessages.phoneIdx})`,
          paramsEnc: sql`coalesce(excluded.params_enc, ${smsMessages.paramsEnc})`,
          msgId: a.msgId,
          sentAt: sent ? now : null,
          lastAttemptAt: now,
        },
        setWhere: notInArray(smsMessages.state, GONE_OUT),
      });
  },
  /** The gateway's delivery report of a message it accepted; false when no message has that ID. */
  async reported(db: DbOrTx, msgId: string, delivered: boolean, at: Date): Promise<boolean> {
    const rows = await db
      .update(smsMessages)
      .set({ state: delivered ? 'delivered' : 'undelivered', reportedAt: at })
      .where(and(eq(smsMessages.msgId, msgId), inArray(smsMessages.state, GONE_OUT)))
      .returning({ id: smsMessages.id });
    return rows.length > 0;
  },
  /** A page of messages, newest first, with the template's registered name; and how many match. */
  async list(db: DbOrTx, f: SmsMessageFilter): Promise<{ items: SmsMessageRow[]; total: number }> {
    const where: SQL[] = [];
    if (f.state) where.push(eq(smsMessages.state, f.state));
    if (f.templateCode) where.push(eq(smsMessages.templateCode, f.templateCode));
    if (f.phoneIdx) where.push(eq(smsMessages.phoneIdx, f.phoneIdx));
    // Shanghai calendar days `from`..`to`, inclusive, of the first attempt.
    if (f.from) where.push(gte(smsMessages.createdAt, new Date(`${f.from}T00:00:00+08:00`)));
    if (f.to) where.push(lt(smsMessages.createdAt, sql`${`${f.to}T00:00:00+08:00`}::timestamptz + interval '1 day'`));
    const condition = and(...where);
    const items = await withNames(db).where(condition).orderBy(desc(smsMessages.id)).limit(f.limit).offset(f.offset);
    const [counted] = await db.select({ n: count() }).from(smsMessages).where(condition);
    return { items: items.map(rowOf), total: counted?.n ?? 0 };
  },
  async byId(db: DbOrTx, id: number): Promise<SmsMessageRow | undefined> {
    const [row] = await withNames(db).where(eq(smsMessages.id, id));
    return row && rowOf(row);
  },
  async byBatch(db: DbOrTx, batchId: string): Promise<SmsMessageRow | undefined> {
    const [row] = await withNames(db).where(eq(smsMessages.batchId, batchId));
    return row && rowOf(row);
  },
};
