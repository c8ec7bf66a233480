import { describe, expect, it } from 'vitest';
import { RequestActivity } from './request-activity.ts';

describe('RequestActivity', () => {
  it('is idle only with no request in progress and none answered within the quiet period', () => {
    const activity = new RequestActivity();
    expect(activity.idle()).toBe(true);
    activity.begin();
    activity.begin();
    activity.end();
    expect(activity.idle(Date.now() + 10_000)).toBe(false); // one still in progress
    activity.end();
    expect(activity.idle()).toBe(false); // just answered
    expect(activity.idle(Date.now() + 1_000)).toBe(true);
  });

  it('lets a job go on after the longest wait even when the console never pauses', async () => {
    const activity = new RequestActivity();
    activity.begin();
    const started = Date.now();
    await activity.quiet(undefined, 100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    const aborted = AbortSignal.abort();
    const again = Date.now();
    await activity.quiet(aborted, 10_000);
    expect(Date.now() - again).toBeLessThan(1_000);
  });

  it('resolves as soon as the last request has been answered and the quiet period passed', async () => {
    const activity = new RequestActivity();
    activity.begin();
    setTimeout(() => activity.end(), 50);
    const started = Date.now();
    await activity.quiet(undefined, 10_000);
    expect(activity.idle()).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('gives the event loop a turn even when idle, so a request that is waiting to be read gets in first', async () => {
    const activity = new RequestActivity();
    let ranBefore = false;
    setImmediate(() => {
      ranBefore = true;
    });
    await activity.quiet();
    expect(ranBefore).toBe(true);
  });
});
