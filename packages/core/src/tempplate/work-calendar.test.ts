import { describe, expect, it } from 'vitest';
import { beijingClock, dayKind } from './work-calendar.ts';

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
});
