import { describe, expect, it } from 'vitest';
import type { SessionRow } from './auth.repository.ts';
import { type CachedSession, SessionCache } from './session-cache.ts';

const at = 1_800_000_000_000;
const entry = (id: string, readAt = at): CachedSession => ({
  session: { id, userId: 1, lastSeenAt: new Date(readAt), expiresAt: new Date(readAt + 3_600_000) } as SessionRow,
  rbacVersion: 7,
  readAt,
});

/** A cache that hears notifications, holding `ids` read at `at`. */
function listeningWith(...ids: string[]): SessionCache {
  const cache = new SessionCache();
  cache.listening(true);
  for (const id of ids) cache.keep(id, entry(id), cache.mark(), 5_000);
  return cache;
}

describe('SessionCache (ADR 0016)', () => {
  it('serves an entry until it is older than the maximum age, then forgets it', () => {
    const cache = listeningWith('a');
    expect(cache.get('a', at + 5_000, 5_000)?.rbacVersion).toBe(7);
    expect(cache.get('a', at + 5_001, 5_000)).toBeUndefined();
    expect(cache.has('a')).toBe(false);
  });

  it('a maximum age of 0 turns it off: nothing is kept, nothing served', () => {
    const cache = listeningWith('a');
    expect(cache.get('a', at, 0)).toBeUndefined();
    cache.keep('b', entry('b'), cache.mark(), 0);
    expect(cache.has('b')).toBe(false);
  });

  it('a session notification drops that session only; any other payload (access control changed) drops them all', () => {
    const cache = listeningWith('a', 'b');
    cache.notification('shtp_session', 's:a');
    expect([cache.has('a'), cache.has('b')]).toEqual([false, true]);
    cache.keep('a', entry('a'), cache.mark(), 5_000);
    cache.notification('shtp_session', '*');
    expect(cache.size).toBe(0);
  });

  it('does not keep a read that a notification overtook: it may predate the change', () => {
    const cache = listeningWith();
    const mark = cache.mark();
    cache.notification('shtp_session', 's:other');
    cache.keep('a', entry('a'), mark, 5_000);
    expect(cache.has('a')).toBe(false);
    cache.keep('a', entry('a'), cache.mark(), 5_000);
    expect(cache.has('a')).toBe(true);
  });

  it('while the notifications are not heard it is flushed, keeps nothing and serves nothing', () => {
    const cache = listeningWith('a');
    const mark = cache.mark();
    cache.listening(false);
    expect(cache.size).toBe(0);
    cache.keep('b', entry('b'), cache.mark(), 5_000);
    expect(cache.has('b')).toBe(false);
    cache.listening(true);
    // A read begun before the listener came back may have missed a notification: not kept either.
    cache.keep('c', entry('c'), mark, 5_000);
    expect(cache.has('c')).toBe(false);
    cache.keep('c', entry('c'), cache.mark(), 5_000);
    expect(cache.get('c', at, 5_000)).toBeDefined();
  });

  it('holds at most its bound, dropping the oldest read first', () => {
    const cache = new SessionCache(2);
    cache.listening(true);
    for (const id of ['a', 'b', 'c']) cache.keep(id, entry(id), cache.mark(), 5_000);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([false, true, true]);
  });

  it('tells a waiter when a notification dropped its session (or all), not before', async () => {
    const cache = listeningWith('a');
    let done = false;
    const dropped = cache.dropped('a').then(() => {
      done = true;
    });
    cache.notification('shtp_session', 's:b');
    await Promise.resolve();
    expect(done).toBe(false);
    cache.notification('shtp_session', 's:a');
    await dropped;
    expect(done).toBe(true);
    const all = cache.dropped('x');
    cache.notification('shtp_session', '*');
    await all;
  });

  it('a sync marker drops nothing and spoils no read in flight; it is heard by who waits for it', async () => {
    const cache = listeningWith('a');
    const mark = cache.mark();
    const heard = cache.heard((p) => p === 'sync:1');
    cache.notification('shtp_session', 'sync:1');
    await heard;
    cache.keep('b', entry('b'), mark, 5_000);
    expect([cache.has('a'), cache.has('b')]).toEqual([true, true]);
  });
});
