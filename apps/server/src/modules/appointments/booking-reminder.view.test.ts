import { describe, expect, it } from 'vitest';
import { reminderView } from './booking-reminder.view.ts';

const booking = { state: 'booked' as const, day: '2026-12-05', reminderState: null, reminderNote: null, remindedAt: null };
const today = '2026-12-04';

describe('booking reminder view', () => {
  it('names each reminder state with its reason', () => {
    expect(reminderView(booking, today)).toEqual({ state: 'pending', reason: null, at: null });
    const at = new Date('2026-12-04T02:00:00Z');
    expect(reminderView({ ...booking, reminderState: 'sent', remindedAt: at }, today)).toEqual({ state: 'sent', reason: null, at: at.toISOString() });
    expect(reminderView({ ...booking, reminderState: 'failed', reminderNote: 'PHONE_INVALID', remindedAt: at }, today)).toMatchObject({
      state: 'failed',
      reason: '手机号码无效',
    });
    expect(reminderView({ ...booking, reminderNote: 'quiet-hours' }, today)).toMatchObject({ state: 'held', reason: '免扰时段，稍后发送' });
    expect(reminderView({ ...booking, reminderNote: 'retry:UNAVAILABLE' }, today).reason).toBe('短信平台暂不可用，稍后重试（UNAVAILABLE）');
  });

  it('does not promise a reminder to a cancelled booking or one whose day has come', () => {
    expect(reminderView({ ...booking, state: 'cancelled' }, today).state).toBe('none');
    expect(reminderView({ ...booking, state: 'cancelled', reminderNote: 'limit' }, today).state).toBe('none');
    expect(reminderView({ ...booking, day: today }, today).state).toBe('none');
    expect(reminderView({ ...booking, state: 'cancelled', reminderState: 'sent' }, today).state).toBe('sent');
  });
});
