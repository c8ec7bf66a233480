export interface PeerTest {
  median: number;
  mean: number;
  /** The scale of the peers' counts: the larger of the Poisson noise at their median and their own spread. */
  spread: number;
  /** How many spreads the issuer's count lies above the peers' median. */
  z: number;
  /** The issuer's count as a multiple of the peers' median. */
  ratio: number;
}

const medianOf = (sorted: readonly number[]) => {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/**
 * An issuer's count against its peers' counts (X7): a robust z = (count − median) / max(√median, 1.4826 × MAD), where
 * √median is the Poisson noise of a count at the peers' rate and 1.4826 × MAD (median absolute deviation) the peers'
 * own spread, so that neither a few quiet peers nor an uneven but honest department makes a small excess significant.
 * Null without peers, with a peers' median of 0, or with a count that is not a whole number ≥ 0 (bad data).
 */
export function peerTest(count: number, peers: readonly number[]): PeerTest | null {
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (peers.length === 0 || !whole(count) || !peers.every(whole)) return null;
  const sorted = ascending(peers);
  const median = medianOf(sorted);
  if (!(median > 0)) return null;
  const mad = medianOf(ascending(sorted.map((n) => Math.abs(n - median))));
  const spread = Math.max(Math.sqrt(median), 1.4826 * mad);
  const mean = peers.reduce((a, n) => a + n, 0) / peers.length;
  return { median, mean, spread, z: (count - median) / spread, ratio: count / median };
}
