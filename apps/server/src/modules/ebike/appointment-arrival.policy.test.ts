import { describe, expect, it } from 'vitest';
import { ARRIVAL_PERMISSION, appointmentActions, arrivalRefusal } from './appointment-arrival.policy.ts';

const today = '2026-12-03';

describe('G13 appointment arrival policy', () => {
  it('allows a live booking of today or an earlier day', () => {
    expect(arrivalRefusal({ state: 'booked', day: today }, today)).toBeNull();
    expect(arrivalRefusal({ state: 'booked', day: '2026-12-01' }, today)).toBeNull();
  });
  it('refuses a cancelled booking and one whose day has not come', () => {
    expect(arrivalRefusal({ state: 'cancelled', day: today }, today)).toBe('已取消的预约不能登记到场状态');
    expect(arrivalRefusal({ state: 'booked', day: '2026-12-04' }, today)).toBe('未到办理日期，不能登记到场状态');
  });
  it('carries the permission and the rule as the record action', () => {
    const booking = { state: 'booked', day: today };
    expect(appointmentActions({ permissions: new Set([ARRIVAL_PERMISSION]) }, booking, today).arrival).toEqual({ allowed: true });
    expect(appointmentActions({ permissions: new Set() }, booking, today).arrival).toEqual({ allowed: false, reason: '没有执行此操作的权限' });
  });
});
