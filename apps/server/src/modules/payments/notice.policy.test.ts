import { describe, expect, it } from 'vitest';
import { inQuietHours } from './notice.policy.ts';

/** A time at the given Shanghai hour. */
const shanghai = (hour: number, minute = 0) => new Date(Date.UTC(2026, 11, 3, hour - 8, minute));

describe('G9 quiet hours', () => {
  it('spans midnight: 22:00 to 08:00 holds 22:00 and 07:59, not 08:00 or 21:59', () => {
    expect([shanghai(22), shanghai(7, 59), shanghai(0)].map((t) => inQuietHours(t, 22, 8))).toEqual([true, true, true]);
    expect([shanghai(8), shanghai(21, 59), shanghai(12)].map((t) => inQuietHours(t, 22, 8))).toEqual([false, false, false]);
  });

  it('within a day, and none when start and end are equal', () => {
    expect(inQuietHours(shanghai(13), 12, 14)).toBe(true);
    expect(inQuietHours(shanghai(14), 12, 14)).toBe(false);
    expect(inQuietHours(shanghai(3), 0, 0)).toBe(false);
  });
});
