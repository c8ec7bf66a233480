import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Captcha } from '@shtp/core/platform';
import { sm3Hex } from '@shtp/gm';
import { and, eq, gt, sql } from 'drizzle-orm';
import svgCaptcha from 'svg-captcha';
import type { DbOrTx } from '../db/client.ts';
import { authCaptchas, authLockouts } from './auth.table.ts';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 4;
const VALID_MINUTES = 5;
/** Outstanding captchas per source address: enough for a station behind one NAT address, bounded for a flood. */
const PER_SOURCE = 20;

/**
 * svg-captcha renders a given text when called as a function (its typings only declare `create`, which draws the
 * text with Math.random); the text here comes from the CSPRNG.
 */
const renderSvg = svgCaptcha as unknown as (text: string, options: { width: number; height: number; fontSize: number; noise: number }) => string;

const answerHash = (id: string, answer: string) => sm3Hex(`${id}|${answer.trim().toUpperCase()}`);

/**
 * The image captcha of the login (SECURITY.md IA-2: it appears after repeated failures from one source). Drawn on
 * the server with svg-captcha, no external service; stored in the database so that every instance can check it.
 */
export const loginCaptcha = {
  /** Failures of this source address inside the lockout window, as the lockout counts them. */
  async recentFailures(db: DbOrTx, source: string, windowMinutes: number): Promise<number> {
    const rows = await db
      .select({ failures: authLockouts.failures })
      .from(authLockouts)
      .where(
        and(
          eq(authLockouts.kind, 'ip'),
          eq(authLockouts.subject, source),
          sql`${authLockouts.windowStart} >= now() - make_interval(mins => ${windowMinutes})`,
          sql`(${authLockouts.lockedUntil} is null or ${authLockouts.lockedUntil} > now())`,
        ),
      );
    return rows[0]?.failures ?? 0;
  },

  async issue(db: DbOrTx, source: string): Promise<Captcha> {
    const text = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const id = randomBytes(18).toString('base64url');
    await db.transaction(async (tx) => {
      await tx.insert(authCaptchas).values({ id, source, answerHash: answerHash(id, text), expiresAt: sql`now() + make_interval(mins => ${VALID_MINUTES})` });
      await tx.execute(sql`delete from ${authCaptchas} where ${authCaptchas.source} = ${source} and ${authCaptchas.id} not in (
        select ${authCaptchas.id} from ${authCaptchas} where ${authCaptchas.source} = ${source} order by ${authCaptchas.createdAt} desc limit ${PER_SOURCE})`);
    });
    const svg = renderSvg(text, { width: 120, height: 40, fontSize: 44, noise: 3 });
    return { id, image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  },

  /** True when the captcha was issued to this source, is unexpired and the answer matches; it is used up either way. */
  async consume(db: DbOrTx, source: string, id: string, answer: string): Promise<boolean> {
    const rows = await db
      .delete(authCaptchas)
      .where(and(eq(authCaptchas.id, id), eq(authCaptchas.source, source), gt(authCaptchas.expiresAt, sql`now()`)))
      .returning({ answerHash: authCaptchas.answerHash });
    const stored = rows[0]?.answerHash;
    return stored !== undefined && timingSafeEqual(Buffer.from(stored), Buffer.from(answerHash(id, answer)));
  },

  async purgeExpired(db: DbOrTx): Promise<void> {
    await db.delete(authCaptchas).where(sql`${authCaptchas.expiresAt} < now()`);
  },
};
