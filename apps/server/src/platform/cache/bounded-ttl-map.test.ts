import { describe, expect, it } from 'vitest';
import { BoundedTtlMap } from './bounded-ttl-map.ts';

const at = 1_000;
const value = (name: string, readAt = at) => ({ name, readAt });

/** A map of at most `max` entries holding `keys`, each read at `at`. */
function holding(max: number, ...keys: string[]): BoundedTtlMap<{ name: string; readAt: number }> {
  const map = new BoundedTtlMap<{ name: string; readAt: number }>(max);
  for (const key of keys) map.keep(key, value(key), map.mark());
  return map;
}

describe('BoundedTtlMap (ADR 0016)', () => {
  it('serves a value while it is at most maxAgeMs old, then forgets it', () => {
    const map = holding(10, 'a');
    expect(map.get('a', at + 500, 500)?.name).toBe('a');
    expect(map.get('a', at + 501, 500)).toBeUndefined();
    expect(map.has('a')).toBe(false);
  });

  it('a maximum age of 0 serves nothing and keeps what it holds', () => {
    const map = holding(10, 'a');
    expect(map.get('a', at, 0)).toBeUndefined();
    expect(map.has('a')).toBe(true);
  });

  it('at the bound the oldest read is dropped first; keeping a key again makes it the newest', () => {
    const map = holding(2, 'a', 'b');
    map.keep('a', value('a', at + 1), map.mark());
    map.keep('c', value('c'), map.mark());
    expect([map.has('a'), map.has('b'), map.has('c'), map.size]).toEqual([true, false, true, 2]);
  });

  it('a read begun before an invalidation is not kept, one begun after it is', () => {
    const map = holding(10);
    const before = map.mark();
    map.invalidate('x');
    map.keep('a', value('a'), before);
    expect(map.has('a')).toBe(false);
    map.keep('a', value('a'), map.mark());
    expect(map.has('a')).toBe(true);
  });

  it('invalidating a key drops that key only, invalidating without one drops every entry', () => {
    const map = holding(10, 'a', 'b');
    map.invalidate('a');
    expect([map.has('a'), map.has('b')]).toEqual([false, true]);
    map.invalidate();
    expect(map.size).toBe(0);
  });

  it('deleting one entry does not spoil reads in flight', () => {
    const map = holding(10, 'a');
    const mark = map.mark();
    map.delete('a');
    map.keep('b', value('b'), mark);
    expect([map.has('a'), map.has('b')]).toEqual([false, true]);
  });
});
