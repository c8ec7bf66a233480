import { describe, expect, it } from 'vitest';
import { bookingRefusals, cancellable, stationsOf } from './booking.policy.ts';

const rule = { stations: stationsOf(['310101000000|黄浦登记点']), slots: ['09:00-10:00'], maxDaysAhead: 7 };
const req = { departmentCode: '310101000000', station: '黄浦登记点', day: '2026-12-04', slot: '09:00-10:00' };

describe('booking policy', () => {
  it('takes a listed station and slot from tomorrow to the last day ahead', () => {
    expect(bookingRefusals(req, rule, '2026-12-03')).toEqual({});
    expect(bookingRefusals({ ...req, day: '2026-12-10' }, rule, '2026-12-03')).toEqual({});
  });
  it('refuses each wrong field with its own message', () => {
    expect(bookingRefusals({ ...req, departmentCode: '310104000000', slot: '08:00-09:00', day: '2026-12-03' }, rule, '2026-12-03')).toEqual({
      station: '该站点不接受预约',
      slot: '该时段不接受预约',
      day: '只能预约明天及以后的日期',
    });
    expect(bookingRefusals({ ...req, day: '2026-12-11' }, rule, '2026-12-03').day).toBe('最多可预约 7 天以内的日期');
  });
  it('cancels a live booking before its day only', () => {
    expect(cancellable({ state: 'booked', day: '2026-12-04' }, '2026-12-03')).toBe(true);
    expect(cancellable({ state: 'booked', day: '2026-12-03' }, '2026-12-03')).toBe(false);
    expect(cancellable({ state: 'cancelled', day: '2026-12-04' }, '2026-12-03')).toBe(false);
  });
});
