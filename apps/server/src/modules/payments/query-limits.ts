import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ReadAlongside, Take, TokenBuckets } from '../../platform/service-accounts/token-bucket.ts';
import { paymentsParams } from './payments.params.ts';

/**
 * The limits a partner's queries for its citizens share (SECURITY.md §3): the platform limits each service account;
 * here a token of each per-minute bucket is taken in one statement — each bucket on its own, so that a full one does
 * not spare the others — and a full one answers 429 with the wait.
 */
export async function takePerMinute(buckets: TokenBuckets, perMinuteBuckets: readonly [key: string, perMinute: number][]): Promise<void> {
  await takePerMinuteReading(buckets, perMinuteBuckets, null);
}

/** As `takePerMinute`, and reads `alongside` (what the caller checks next) in the same statement; returns its value. */
export async function takePerMinuteReading(
  buckets: TokenBuckets,
  perMinuteBuckets: readonly [key: string, perMinute: number][],
  alongside: ReadAlongside | null,
): Promise<unknown> {
  const read = await buckets.takeEachReading(
    perMinuteBuckets.map(([key, perMinute]) => ({ key, rps: perMinute / 60, burst: perMinute })),
    alongside,
  );
  refuseIfFull(read.takes);
  return read.alongside;
}

function refuseIfFull(takes: readonly Take[]): void {
  const refused = takes.find((t) => !t.ok);
  if (refused && !refused.ok) throw new AppError(429, 'RATE_LIMITED', `查询过于频繁，请 ${refused.retryAfterSeconds} 秒后重试`);
}

/** The keyed digest of a citizen's 随申办 openid: the key of its bucket and what its audit records name (never the openid). */
export const citizenQueryKey = (platform: Platform, openid: string): Promise<string> => platform.fields.blindIndex(openid, 'g6-openid');

/** One bucket per citizen for every third-party query made for it (violations, its driving licence): one budget a minute. */
export async function citizenBucket(platform: Platform, citizenKey: string): Promise<[key: string, perMinute: number]> {
  return [`g6:citizen:${citizenKey}`, await platform.params.get(paymentsParams.queryPerCitizenPerMinute)];
}
