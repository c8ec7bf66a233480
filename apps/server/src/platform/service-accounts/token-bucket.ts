/**
 * Token buckets per key (app ID), in this process's memory: `burst` tokens at most, refilled at `rps` per
 * second. With N instances behind a load balancer an app may get up to N times its limit; the limit guards
 * each instance, and a shared store (Redis) would be the place for an exact global quota.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one token; when none is left, returns the whole seconds to wait for the next one. */
  take(key: string, rps: number, burst: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rps);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / rps)) };
  }
}
