import { createHash, createHmac, type Hash, type Hmac, pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

/** SM3 digest (GB/T 32905) through OpenSSL. */
export function sm3(data: string | Uint8Array): Buffer {
  return createHash('sm3').update(data).digest();
}

export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}

/** An incremental SM3 digest (update chunk by chunk, then digest()), for data too large to hold at once. */
export function sm3Stream(): Hash {
  return createHash('sm3');
}

/** An incremental HMAC-SM3, for data too large to hold at once. */
export function hmacSm3Stream(key: Uint8Array): Hmac {
  return createHmac('sm3', key);
}

/** HMAC-SM3 (GB/T 15852.2 construction with SM3). */
export function hmacSm3(key: Uint8Array, data: string | Uint8Array): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

/** PBKDF2 (RFC 8018) with HMAC-SM3 as the PRF; runs on the libuv pool, off the event loop. */
export function pbkdf2Sm3(password: string | Uint8Array, salt: Uint8Array, iterations: number, length = 32): Promise<Buffer> {
  return pbkdf2Async(password, salt, iterations, length, 'sm3');
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
