import { messageWithoutParams } from '../db/query-error.ts';

/**
 * Delay before the next attempt after `attempts` failures: base × 2^(attempts−1), capped, with "equal
 * jitter" (half fixed, half random) so that jobs failing together do not retry in lockstep.
 */
export function backoffDelayMs(attempts: number, baseMs: number, capMs: number, random = Math.random): number {
  const delay = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return delay / 2 + random() * (delay / 2);
}

const MAX_ERROR_LENGTH = 500;

/**
 * The message stored in last_error and shown in the console: message only (no stack, no payload, no parameters
 * of a failed query), long digit runs (ID card, phone, account numbers) masked in case a handler put personal
 * data in an error.
 */
export function storedErrorMessage(err: unknown): string {
  const message = err instanceof Error ? messageWithoutParams(err) : typeof err === 'string' ? err : '未知错误';
  return (message || '未知错误').replace(/\d{7,}[\dXx]?/g, '***').slice(0, MAX_ERROR_LENGTH);
}
