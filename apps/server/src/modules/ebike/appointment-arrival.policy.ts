import { type ActionDecision, permitted } from '@shtp/core/platform';
import { EP } from './ebike.permissions.ts';

/** The route declares it; the record's `actions.arrival` asks the same. */
export const ARRIVAL_PERMISSION = EP.register;

/** G13: the window records arrival only for a live booking whose day has come (a correction on a later day is allowed). */
export function arrivalRefusal(booking: { state: string; day: string }, today: string): string | null {
  if (booking.state !== 'booked') return '已取消的预约不能登记到场状态';
  if (booking.day > today) return '未到办理日期，不能登记到场状态';
  return null;
}

export const appointmentActions = (
  caller: { permissions: ReadonlySet<string> },
  booking: { state: string; day: string },
  today: string,
): { arrival: ActionDecision } => ({
  arrival: permitted(caller.permissions, [ARRIVAL_PERMISSION], () => arrivalRefusal(booking, today)),
});
