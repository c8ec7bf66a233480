/** A partner's mismatches on one plate: counted in a window, and the lock they led to. */
export interface QueryLock {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/** SECURITY.md §3: mismatches count within one hour of the first. */
export const MISMATCH_WINDOW_MS = 3_600_000;

/** Until when the partner may not query the plate (null: it may). */
export const lockedUntil = (lock: Pick<QueryLock, 'lockedUntil'> | undefined, now: Date): Date | null =>
  lock?.lockedUntil && lock.lockedUntil > now ? lock.lockedUntil : null;

/**
 * The count after one more mismatch: a new window when the last one is over; the lock when the count reaches the
 * limit (the count starts again after it).
 */
export function afterMismatch(lock: QueryLock | undefined, now: Date, rule: { maxMismatches: number; lockHours: number }): QueryLock {
  const fresh = !lock || now.getTime() - lock.windowStartedAt.getTime() >= MISMATCH_WINDOW_MS;
  const failures = fresh ? 1 : lock.failures + 1;
  const windowStartedAt = fresh ? now : lock.windowStartedAt;
  if (failures >= rule.maxMismatches) return { failures: 0, windowStartedAt: now, lockedUntil: new Date(now.getTime() + rule.lockHours * 3_600_000) };
  return { failures, windowStartedAt, lockedUntil: lockedUntil(lock, now) };
}

/** Whether this mismatch is the one that locks the plate (audited and told once per lock). */
export const locksNow = (before: QueryLock | undefined, after: QueryLock, now: Date): boolean => after.lockedUntil !== null && !lockedUntil(before, now);
