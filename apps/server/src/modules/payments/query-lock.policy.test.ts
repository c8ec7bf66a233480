import { describe, expect, it } from 'vitest';
import { afterMismatch, lockedUntil, locksNow, type QueryLock } from './query-lock.policy.ts';

const rule = { maxMismatches: 5, lockHours: 24 };
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 3, 0, minutes));

describe('G6 mismatch lock', () => {
  it('locks for the configured hours at the fifth mismatch within an hour, then counts afresh', () => {
    let lock: QueryLock | undefined;
    for (let i = 0; i < 4; i++) lock = afterMismatch(lock, at(i * 10), rule);
    expect(lock).toMatchObject({ failures: 4, lockedUntil: null });
    lock = afterMismatch(lock, at(50), rule);
    expect(lock.lockedUntil).toEqual(new Date(at(50).getTime() + 24 * 3_600_000));
    expect(lockedUntil(lock, at(51))).toEqual(lock.lockedUntil);
    expect(lockedUntil(lock, new Date(at(50).getTime() + 24 * 3_600_000))).toBeNull();
  });

  it('starts a new window an hour after the first mismatch of the last one', () => {
    let lock: QueryLock | undefined;
    for (let i = 0; i < 4; i++) lock = afterMismatch(lock, at(i), rule);
    lock = afterMismatch(lock, at(60), rule);
    expect(lock).toMatchObject({ failures: 1, windowStartedAt: at(60), lockedUntil: null });
  });

  it('names the mismatch that locks, not those counted before it nor one while the lock holds', () => {
    let lock: QueryLock | undefined;
    for (let i = 0; i < 4; i++) {
      const after = afterMismatch(lock, at(i), rule);
      expect(locksNow(lock, after, at(i))).toBe(false);
      lock = after;
    }
    const locked = afterMismatch(lock, at(5), rule);
    expect(locksNow(lock, locked, at(5))).toBe(true);
    expect(locksNow(locked, afterMismatch(locked, at(6), rule), at(6))).toBe(false);
  });
});
