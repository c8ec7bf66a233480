import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job-type.ts';

/** G9/G13: the day-before reminder SMS of registration bookings; `day` (YYYY-MM-DD, Shanghai) defaults to tomorrow. */
export const bookingReminderJob = defineJob(
  'appointments.reminders',
  z.strictObject({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
);
