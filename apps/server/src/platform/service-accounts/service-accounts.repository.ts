import type { ServiceAccountListQuery } from '@shtp/core/platform';
import { and, count, desc, eq, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { preparedSql } from '../db/prepared.ts';
import { departments, users } from '../rbac/rbac.table.ts';
import { serviceAccountNonces, serviceAccounts } from './service-accounts.table.ts';
import { type BucketSpec, takeOne } from './token-bucket.repository.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type ServiceAccountRecord = typeof serviceAccounts.$inferSelect;
export type ServiceAccountRow = { a: ServiceAccountRecord; departmentName: string; departmentPath: string; createdByName: string | null };
const rowColumns = { a: serviceAccounts, departmentName: departments.name, departmentPath: departments.path, createdByName: users.displayName };

/** The admission of a signed call (`serviceAccountsRepository.admit`), prepared: every signed call runs it. */
const admitStatement = preparedSql<{ claimed: boolean; tokens: number | null; taken: boolean | null }>(
  'service_accounts_admit',
  sql`with claimed as (
        insert into ${serviceAccountNonces} (app_id, nonce, expires_at)
        values (${sql.placeholder('appId')}, ${sql.placeholder('nonce')}, ${sql.placeholder('expiresAt')}::timestamptz)
        on conflict (app_id, nonce) do update set expires_at = excluded.expires_at
          where ${serviceAccountNonces.expiresAt} <= now()
        returning 1
      ), taken as (${takeOne(
        { key: sql.placeholder('key'), rps: sql.placeholder('rps'), burst: sql.placeholder('burst') },
        sql`exists (select 1 from claimed)`,
      )}), touched as (
        update ${serviceAccounts} set last_used_at = now()
        where ${serviceAccounts.id} = ${sql.placeholder('accountId')}
          and (${serviceAccounts.lastUsedAt} is null or ${serviceAccounts.lastUsedAt} < now() - interval '1 minute')
          and exists (select 1 from taken where taken.taken)
        returning 1
      )
      select exists (select 1 from claimed) as claimed, (select tokens from taken) as tokens, (select taken from taken) as taken`,
);

/** All SQL of service accounts (接入应用) and their nonce store. */
export const serviceAccountsRepository = {
  async list(db: DbOrTx, q: ServiceAccountListQuery): Promise<{ rows: ServiceAccountRow[]; total: number }> {
    const where: SQL[] = [];
    if (q.status) where.push(eq(serviceAccounts.status, q.status));
    if (q.keyword) {
      const k = `%${escapeLike(q.keyword)}%`;
      where.push(or(ilike(serviceAccounts.appId, k), ilike(serviceAccounts.name, k)) as SQL);
    }
    const condition = where.length ? and(...where) : undefined;
    const rows = await db
      .select(rowColumns)
      .from(serviceAccounts)
      .innerJoin(departments, eq(departments.id, serviceAccounts.departmentId))
      .leftJoin(users, eq(users.id, serviceAccounts.createdBy))
      .where(condition)
      .orderBy(desc(serviceAccounts.createdAt), desc(serviceAccounts.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await db.select({ n: count() }).from(serviceAccounts).where(condition);
    return { rows, total: total?.n ?? 0 };
  },

  async byId(db: DbOrTx, id: number, lock = false): Promise<ServiceAccountRow | undefined> {
    const query = db
      .select(rowColumns)
      .from(serviceAccounts)
      .innerJoin(departments, eq(departments.id, serviceAccounts.departmentId))
      .leftJoin(users, eq(users.id, serviceAccounts.createdBy))
      .where(eq(serviceAccounts.id, id));
    const [row] = lock ? await query.for('update', { of: serviceAccounts }) : await query;
    return row;
  },

  async byAppId(db: DbOrTx, appId: string): Promise<ServiceAccountRow | undefined> {
    const [row] = await db
      .select(rowColumns)
      .from(serviceAccounts)
      .innerJoin(departments, eq(departments.id, serviceAccounts.departmentId))
      .leftJoin(users, eq(users.id, serviceAccounts.createdBy))
      .where(eq(serviceAccounts.appId, appId));
    return row;
  },

  async insert(db: DbOrTx, values: typeof serviceAccounts.$inferInsert): Promise<number> {
    const [row] = await db.insert(serviceAccounts).values(values).returning({ id: serviceAccounts.id });
    return row!.id;
  },

  async update(db: DbOrTx, id: number, values: Partial<typeof serviceAccounts.$inferInsert>): Promise<void> {
    await db
      .update(serviceAccounts)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(serviceAccounts.id, id));
  },

  async departmentExists(db: DbOrTx, id: number): Promise<boolean> {
    const rows = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
    return rows.length > 0;
  },

  /**
   * Claims a nonce for an app in one statement: a new one is inserted; a known one is taken over only if it
   * has expired (a purge not yet run). False when the nonce is still held: the request is a replay.
   */
  async claimNonce(db: DbOrTx, appId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    const rows = await db
      .insert(serviceAccountNonces)
      .values({ appId, nonce, expiresAt })
      .onConflictDoUpdate({
        target: [serviceAccountNonces.appId, serviceAccountNonces.nonce],
        set: { expiresAt },
        setWhere: sql`${serviceAccountNonces.expiresAt} <= now()`,
      })
      .returning({ nonce: serviceAccountNonces.nonce });
    return rows.length > 0;
  },

  /**
   * A signed call's admission in one statement (one round trip): the nonce claimed as `claimNonce` does; only if it
   * was, a token of the app's bucket taken as `tokenBucketRepository.take` does; only if one was, the account's
   * last use recorded (`last_used_at`, written at most once a minute). `claimed` false: a replay (no token spent); `bucket` null then.
   */
  async admit(
    db: DbOrTx,
    call: { appId: string; nonce: string; expiresAt: Date; accountId: number; bucket: BucketSpec },
  ): Promise<{ claimed: boolean; bucket: { tokens: number; taken: boolean } | null }> {
    const [row] = await admitStatement(db, {
      appId: call.appId,
      nonce: call.nonce,
      expiresAt: call.expiresAt.toISOString(),
      accountId: call.accountId,
      key: call.bucket.key,
      rps: call.bucket.rps,
      burst: call.bucket.burst,
    });
    if (!row?.claimed || row.taken === null) return { claimed: Boolean(row?.claimed), bucket: null };
    return { claimed: true, bucket: { tokens: Number(row.tokens), taken: row.taken } };
  },

  async purgeNonces(db: DbOrTx): Promise<number> {
    const rows = await db.delete(serviceAccountNonces).where(lt(serviceAccountNonces.expiresAt, sql`now()`)).returning({ nonce: serviceAccountNonces.nonce });
    return rows.length;
  },
};
