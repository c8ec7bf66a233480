import { randomBytes } from 'node:crypto';
import { constantTimeEqual, pbkdf2Sm3 } from '@shtp/gm';

const SCHEME = 'pbkdf2-sm3';

/** Stored as `pbkdf2-sm3$<iterations>$<salt b64>$<hash b64>` so the iteration count can rise over time. */
export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = randomBytes(16);
  const hash = await pbkdf2Sm3(password, salt, iterations);
  return `${SCHEME}$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split('$');
  if (scheme !== SCHEME || !iter || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await pbkdf2Sm3(password, Buffer.from(salt, 'base64'), Number(iter), expected.length);
  return constantTimeEqual(actual, expected);
}

/** A random initial password that satisfies the policy (all four classes, no look-alike characters). */
export function generateInitialPassword(length = 14): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=!?'];
  const all = sets.join('');
  const pick = (s: string) => s[randomBytes(1)[0]! % s.length]!;
  const chars = sets.map(pick);
  while (chars.length < length) chars.push(pick(all));
  // Fisher–Yates with crypto randomness so the class positions are not predictable.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBytes(1)[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
