import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { authCaptchas } from './auth.table.ts';

/** All SQL of the login captchas. */
export const loginCaptchaRepository = {
  async insert(db: DbOrTx, c: { id: string; source: string; answerHash: string; validMinutes: number }): Promise<void> {
    await db
      .insert(authCaptchas)
      .values({ id: c.id, source: c.source, answerHash: c.answerHash, expiresAt: sql`now() + make_interval(mins => ${c.validMinutes})` });
  },

  /** Deletes the captchas of a source beyond its newest `keep`. */
  async keepNewest(db: DbOrTx, source: string, keep: number): Promise<void> {
    await db.execute(sql`delete from ${authCaptchas} where ${authCaptchas.source} = ${source} and ${authCaptchas.id} not in (
      select ${authCaptchas.id} from ${authCaptchas} where ${authCaptchas.source} = ${source} order by ${authCaptchas.createdAt} desc limit ${keep})`);
  },

  /** Deletes the captcha if it was issued to this source and is unexpired; returns its answer hash. */
  async take(db: DbOrTx, id: string, source: string): Promise<string | undefined> {
    const rows = await db
      .delete(authCaptchas)
      .where(and(eq(authCaptchas.id, id), eq(authCaptchas.source, source), gt(authCaptchas.expiresAt, sql`now()`)))
      .returning({ answerHash: authCaptchas.answerHash });
    return rows[0]?.answerHash;
  },

  async purgeExpired(db: DbOrTx): Promise<void> {
    await db.delete(authCaptchas).where(sql`${authCaptchas.expiresAt} < now()`);
  },
};
