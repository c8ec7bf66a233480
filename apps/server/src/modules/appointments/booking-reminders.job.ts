import type { Platform } from '../../platform/platform.ts';
import type { PaymentsApi } from '../payments/payments.api.ts';
import { bookingReminderJob } from './appointments.jobs.ts';
import { shanghaiDay } from './booking.policy.ts';
import { BookingReminders } from './booking-reminders.service.ts';

/**
 * G9/G13: every morning the reminders of tomorrow's bookings. Reminders still waiting (quiet hours, limits, the gateway
 * unavailable) fail the run, so the queue runs it again with backoff; what was sent is not sent again.
 */
export function registerBookingReminders(platform: Platform, payments: () => PaymentsApi): void {
  const reminders = new BookingReminders(platform, payments);
  platform.jobs.register(bookingReminderJob, async ({ day }, { actor, log }) => {
    const run = await reminders.remind(day ?? shanghaiDay(new Date(Date.now() + 86_400_000)), actor);
    log.info(run, 'appointment reminders');
    if (run.waiting > 0) throw new Error(`${run.waiting} 条预约提醒短信待发送（免扰时段、号码限额或短信平台暂不可用），稍后重试`);
  });
  platform.jobs.schedules.schedule('appointments-reminders', '0 10 * * *', bookingReminderJob, {});
}
