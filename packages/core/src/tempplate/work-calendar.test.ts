import { describe, expect, it } from 'vitest';
import { addWorkingDays, beijingClock, dayKind } from './work-calendar.ts';

describe('work calendar', () => {
  it('knows holidays, make-up Saturdays and plain weekends', () => {
    expect(dayKind('2025-10-01')).toMatchObject({ working: false, covered: true }); // 国庆 on a Wednesday
    expect(dayKind('2024-02-04')).toMatchObject({ working: true, name: '春节' }); // a Sunday made a working day
    expect(dayKind('2025-03-08').working).toBe(false); // an ordinary Saturday
    expect(dayKind('2025-03-10').working).toBe(true); // an ordinary Monday
  });
  it('falls back to Monday–Friday outside the covered years and says so', () => {
    expect(dayKind('2027-10-01')).toEqual({ working: true, name: null, covered: false });
  });
  it('reads instants in Beijing time', () => {
    expect(beijingClock(new Date('2025-03-09T23:30:00Z'))).toEqual({ date: '2025-03-10', time: '07:30' });
  });
  it('counts deadlines in working days: weekends and holidays skipped, make-up days counted', () => {
    // Friday 2025-03-07 10:00 + 1 working day → end of Monday 2025-03-10 (Beijing)
    expect(addWorkingDays(new Date('2025-03-07T02:00:00Z'), 1).toISOString()).toBe('2025-03-10T16:00:00.000Z');
    // Tuesday 2025-09-30 + 1 → 国庆 holiday 10-01…10-08, next working day 2025-10-09
    expect(addWorkingDays(new Date('2025-09-30T02:00:00Z'), 1).toISOString()).toBe('2025-10-09T16:00:00.000Z');
    // Friday 2025-09-26 + 1 → Saturday off, Sunday 2025-09-28 is a make-up working day
    expect(addWorkingDays(new Date('2025-09-26T02:00:00Z'), 1).toISOString()).toBe('2025-09-28T16:00:00.000Z');
  });
});
