/**
 * Failure injection for the 六合一 simulator: a queue of faults for the next write calls, plus random timeouts and
 * 5xx at set rates from a seeded generator (the same seed gives the same sequence of faults).
 */

export const FAULT_KINDS = ['timeout', '5xx', 'reject', 'malformed', 'lost-ack'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRates {
  /** Share of write calls held past the client's timeout, 0–1. */
  timeout: number;
  /** Share of write calls answered 503, 0–1. */
  error5xx: number;
}

export interface FaultState {
  pending: FaultKind[];
  rates: FaultRates;
  holdMs: number;
  seed: number;
}

/** mulberry32: a tiny seeded PRNG, enough for fault rates (not for anything secret). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class FaultPlan {
  private readonly pending: FaultKind[] = [];
  private rates: FaultRates = { timeout: 0, error5xx: 0 };
  private random: () => number;

  constructor(
    private seed = 1,
    /** How long a timeout fault holds the answer: longer than the client's timeout. */
    public holdMs = 15_000,
  ) {
    this.random = mulberry32(seed);
  }

  /** The next `count` write calls fail with `kind` (after any already queued). */
  failNext(count: number, kind: FaultKind): void {
    for (let i = 0; i < count; i++) this.pending.push(kind);
  }

  setRates(r: Partial<FaultRates>): void {
    this.rates = { ...this.rates, ...r };
  }

  reseed(seed: number): void {
    this.seed = seed;
    this.random = mulberry32(seed);
  }

  clear(): void {
    this.pending.length = 0;
    this.rates = { timeout: 0, error5xx: 0 };
  }

  /** The fault for this call: a queued one first, then the random rates; null = answer normally. */
  next(): FaultKind | null {
    const queued = this.pending.shift();
    if (queued) return queued;
    if (this.rates.timeout === 0 && this.rates.error5xx === 0) return null;
    const r = this.random();
    if (r < this.rates.timeout) return 'timeout';
    if (r < this.rates.timeout + this.rates.error5xx) return '5xx';
    return null;
  }

  state(): FaultState {
    return { pending: [...this.pending], rates: { ...this.rates }, holdMs: this.holdMs, seed: this.seed };
  }
}
