import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Captcha } from '@shtp/core/platform';
import { sm3Hex } from '@shtp/gm';
import svgCaptcha from 'svg-captcha';
import type { DbOrTx } from '../db/client.ts';
import { loginCaptchaRepository as repo } from './login-captcha.repository.ts';

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

/** Draws the image of a text; an object so that a test can watch what it was asked to draw. */
export const captchaImage = {
  render: (text: string): string => renderSvg(text, { width: 120, height: 40, fontSize: 44, noise: 3 }),
};

const answerHash = (id: string, answer: string) => sm3Hex(`${id}|${answer.trim().toUpperCase()}`);

/**
 * The image captcha of the login (SECURITY.md IA-2: it appears after repeated failures from one source). Drawn on
 * the server with svg-captcha, no external service; stored in the database so that every instance can check it.
 */
export const loginCaptcha = {
  async issue(db: DbOrTx, source: string): Promise<Captcha> {
    const text = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const id = randomBytes(18).toString('base64url');
    await db.transaction(async (tx) => {
      await repo.insert(tx, { id, source, answerHash: answerHash(id, text), validMinutes: VALID_MINUTES });
      await repo.keepNewest(tx, source, PER_SOURCE);
    });
    const svg = captchaImage.render(text);
    return { id, image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  },

  /** True when the captcha was issued to this source, is unexpired and the answer matches; it is used up either way. */
  async consume(db: DbOrTx, source: string, id: string, answer: string): Promise<boolean> {
    const stored = await repo.take(db, id, source);
    return stored !== undefined && timingSafeEqual(Buffer.from(stored), Buffer.from(answerHash(id, answer)));
  },
};
