import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { Platform } from '../../platform/platform.ts';
import type { PaymentsApi } from '../payments/payments.api.ts';
import { appointmentsRepository as repo } from './appointments.repository.ts';
import { APPOINTMENT_PHONE_CONTEXT } from './appointments.service.ts';

/** The reminder as registered at the gateway; not urgent, so it waits out the quiet hours. Registered approved at start (G9). */
export const BOOKING_REMINDER_TEMPLATE = {
  code: 'SHJJ_EBIKE_APPT_REMIND',
  name: '非机动车登记预约提醒',
  text: '您已预约{day} {slot}在{station}办理非机动车登记，预约号{bookingNo}。请携带身份证件、车辆及购车凭证按时前往，如不能前往请提前取消。',
  urgent: false,
} as const;

const BATCH = 200;

export interface ReminderRun {
  sent: number;
  failed: number;
  /** Held back (quiet hours, a number's limits, the template not approved) or failed retryably: the job runs again. */
  waiting: number;
}

/**
 * G9/G13: one reminder SMS per live booking of a day, sent through 缴款's SMS sending (template approval, quiet hours,
 * per-number limits). The booking records the outcome once (a second run finds nothing due); the batch ID is the
 * booking's, so the gateway never sends it twice even if the outcome was not recorded. The phone is decrypted only to
 * send and is neither logged nor audited.
 */
export class BookingReminders {
  constructor(
    private readonly platform: Platform,
    private readonly payments: () => PaymentsApi,
  ) {}

  async remind(day: string, actor: Actor): Promise<ReminderRun> {
    const run: ReminderRun = { sent: 0, failed: 0, waiting: 0 };
    for (let afterId = 0; ; ) {
      const due = await repo.remindersDue(this.platform.db, day, afterId, BATCH);
      for (const b of due) {
        const outcome = await this.payments().sms.send(
          {
            template: BOOKING_REMINDER_TEMPLATE,
            batchId: `APPT-${b.bookingNo}`,
            params: { day: b.day, slot: b.slot, station: b.station, bookingNo: b.bookingNo },
          },
          () => this.platform.fields.decrypt(b.phoneEnc, APPOINTMENT_PHONE_CONTEXT),
        );
        // A batch the gateway has seen went out before (a run that stopped before recording it): recorded as sent.
        const state = outcome.state === 'sent' || outcome.state === 'duplicate' ? 'sent' : outcome.state === 'failed' ? 'failed' : null;
        if (!state) {
          run.waiting++;
          // The back office shows it 已暂缓 with the reason; the next run tries again.
          const held = outcome.state === 'held' ? outcome.reason : outcome.state === 'retry' ? `retry:${outcome.code}` : null;
          if (held && held !== b.reminderNote) await repo.holdReminder(this.platform.db, b.id, held);
          continue;
        }
        run[state]++;
        await this.platform.db.transaction(async (tx) => {
          if (!(await repo.setReminder(tx, b.id, state, outcome.state === 'failed' ? outcome.code : null))) return;
          await audit(tx, actor, {
            action: 'appointments.reminder',
            targetType: 'appointment',
            targetId: b.bookingNo,
            details: { day: b.day, state, ...(outcome.state === 'failed' ? { code: outcome.code } : {}) },
          });
        });
      }
      if (due.length < BATCH) return run;
      afterId = due[due.length - 1]!.id;
    }
  }
}
