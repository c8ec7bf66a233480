import { type ReminderState, reminderReason } from '@shtp/core/ebike';
import type { BookingRow } from './appointments.repository.ts';

type ReminderColumns = Pick<BookingRow, 'state' | 'day' | 'reminderState' | 'reminderNote' | 'remindedAt'>;

/**
 * G9/G13: a booking's reminder as the back office reads it. The repository's `reminder` filter asks the same in SQL
 * (`reminderCondition`): keep the two in step.
 */
export function reminderStateOf(b: ReminderColumns, today: string): ReminderState {
  if (b.reminderState) return b.reminderState;
  if (b.state !== 'booked') return 'none';
  if (b.reminderNote) return 'held';
  return b.day > today ? 'pending' : 'none';
}

export const reminderView = (b: ReminderColumns, today: string) => {
  const state = reminderStateOf(b, today);
  return {
    state,
    reason: state === 'failed' || state === 'held' ? reminderReason(b.reminderNote) : null,
    at: b.remindedAt?.toISOString() ?? null,
  };
};
