import { createHash } from 'node:crypto';
import type { Sample } from './dataset.ts';
import { TEST_REGIMES } from './regimes.ts';

/** A stable bucket in [0, n) for a group name (the same group always lands in the same fold). */
export const bucket = (group: string, n: number) => createHash('sha256').update(group).digest().readUInt32BE(0) % n;

export interface Split {
  train: Sample[];
  /** Unseen documents in unseen capture regimes: the figures of the report. */
  test: Sample[];
  /** Unseen documents in the training regimes (synthetic only): how much of the error is the regime shift. */
  seenRegimes: Sample[];
}

/**
 * Synthetic data: by document (the last `testDocs` documents of each type) and by capture regime (TEST_REGIMES),
 * never by image. Real data: by group (folder), a quarter of the groups held out.
 */
export function splitSamples(samples: Sample[], opts: { synthetic: boolean; docsPerType: number; testDocs: number }): Split {
  if (!opts.synthetic) {
    const test = samples.filter((s) => bucket(s.group, 4) === 0);
    return { train: samples.filter((s) => bucket(s.group, 4) !== 0), test, seenRegimes: [] };
  }
  const testDoc = (s: Sample) => Number(s.group.split('#')[1]) >= opts.docsPerType - opts.testDocs;
  const testRegime = (s: Sample) => TEST_REGIMES.includes(s.regime);
  return {
    train: samples.filter((s) => !testDoc(s) && !testRegime(s)),
    test: samples.filter((s) => testDoc(s) && testRegime(s)),
    seenRegimes: samples.filter((s) => testDoc(s) && !testRegime(s)),
  };
}
