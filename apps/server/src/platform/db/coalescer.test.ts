import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer.ts';

/** A batch runner that records its batches and answers each item doubled; `hold` keeps a batch open until released. */
function recorder(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  let release: () => void = () => {};
  const coalescer = new Coalescer<number, number>(
    async (items) => {
      batches.push(items);
      await new Promise<void>((resolve) => {
        release = resolve;
        if (batches.length > 1) resolve();
      });
      if (items.some(fail)) throw new Error(`failed: ${items.join(',')}`);
      return items.map((i) => i * 2);
    },
    { maxWeight: 3 },
  );
  return { coalescer, batches, release: () => release() };
}

describe('Coalescer', () => {
  it('runs the first item at once and the ones that arrive meanwhile together in the next batch, each with its own result', async () => {
    const { coalescer, batches, release } = recorder();
    const first = coalescer.add(1);
    expect(batches).toEqual([[1]]);
    const later = [coalescer.add(2), coalescer.add(3)];
    expect(batches).toEqual([[1]]); // waiting for the running batch
    release();
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('keeps a batch within its weight and runs an item heavier than the limit alone', async () => {
    const batches: string[][] = [];
    const coalescer = new Coalescer<string, number>(
      async (items) => {
        batches.push(items);
        await Promise.resolve();
        return items.map((i) => i.length);
      },
      { maxWeight: 4, weight: (item) => item.length },
    );
    const answers = await Promise.all(['a', 'bb', 'cc', 'dddddd', 'e', 'f'].map((i) => coalescer.add(i)));
    expect(answers).toEqual([1, 2, 2, 6, 1, 1]);
    expect(batches).toEqual([['a'], ['bb', 'cc'], ['dddddd'], ['e', 'f']]);
  });

  it('runs a failed batch item by item, so that only the failing item fails its caller', async () => {
    const { coalescer, batches, release } = recorder((item) => item === 3);
    const first = coalescer.add(1);
    const later = [2, 3, 4].map((i) => coalescer.add(i));
    release();
    const settled = await Promise.allSettled([first, ...later]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))).toEqual([2, 4, 8]);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
