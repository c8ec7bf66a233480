import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** FNV-1a, to turn a stream label into a 32-bit number. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A seeded random source for synthetic data: pure-rand's xoroshiro128+ (the generator fast-check uses) with its
 * unbiased uniformInt. Same seed, same sequence, on every machine and Node version. Never use it for keys or passwords.
 */
export class Rng {
  private readonly gen;

  constructor(readonly seed: number) {
    this.gen = xoroshiro128plus(seed);
  }

  /**
   * An independent stream derived from the seed and a label, not from how much of this stream was consumed: adding a
   * field to persons does not shift the vehicles generated from `rng.fork('vehicles')`.
   */
  fork(label: string): Rng {
    return new Rng((this.seed ^ Math.imul(fnv1a(label), 0x9e3779b1)) | 0);
  }

  /** An integer in [min, max] (both safe integers). */
  int(min: number, max: number): number {
    return uniformInt(this.gen, min, max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** One character of a string. */
  char(alphabet: string): string {
    return alphabet[this.int(0, alphabet.length - 1)]!;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * A seeded bijection of [0, size): i ↦ (a·i + b) mod size with gcd(a, size) = 1. Gives the i-th of up to `size`
 * distinct serials in O(1) memory (200,000+ unique plates or VINs without a Set). Scattered, not cryptographic:
 * consecutive outputs differ by the constant a (mod size).
 */
export class Permutation {
  private readonly a: bigint;
  private readonly b: bigint;
  readonly size: bigint;

  constructor(rng: Rng, size: number) {
    if (!Number.isSafeInteger(size) || size < 2) throw new RangeError('size must be a safe integer ≥ 2');
    this.size = BigInt(size);
    let a: bigint;
    do a = BigInt(rng.int(1, size - 1));
    while (gcd(a, this.size) !== 1n);
    this.a = a;
    this.b = BigInt(rng.int(0, size - 1));
  }

  at(i: number): number {
    if (!Number.isSafeInteger(i) || i < 0 || BigInt(i) >= this.size) throw new RangeError(`index ${i} outside [0, ${this.size})`);
    return Number((this.a * BigInt(i) + this.b) % this.size);
  }
}

/** `n` written in the given alphabet as exactly `width` characters (most significant first). */
export function toAlphabet(n: number, alphabet: string, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++) {
    s = alphabet[n % alphabet.length]! + s;
    n = Math.floor(n / alphabet.length);
  }
  return s;
}
