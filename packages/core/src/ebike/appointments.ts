import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';
import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** Permission codes of 非机动车登记预约 and 网上预登记 (internet zone); partners call with service scopes instead. */
export const APPOINTMENTS_P = {
  menu: 'appointments',
  book: 'appointments:book',
  preregister: 'appointments:preregister',
  list: 'appointments:list',
} as const;

/** API error codes of 非机动车登记预约 (internet zone). */
export const APPOINTMENT_ERROR_CODES = {
  APPOINTMENT_SLOT_FULL: '该时段预约已满',
  APPOINTMENT_NOT_CANCELLABLE: '该预约已取消或已到办理日期，不能取消',
  APPOINTMENT_IDENTITY_MISMATCH: '身份证号与随申办实名身份不符',
} as const;

declare module '../platform/error-codes.ts' {
  interface ModuleErrorCodes extends ErrorCodeTable<typeof APPOINTMENT_ERROR_CODES> {}
}

export const APPOINTMENT_STATES = ['booked', 'cancelled'] as const;
export const APPOINTMENT_STATE_LABELS: Record<(typeof APPOINTMENT_STATES)[number], string> = { booked: '已预约', cancelled: '已取消' };

/** G13: what the window records of a booked citizen on the day; it crosses back to the internet zone (`appointment-status`). */
export const ARRIVAL_STATUSES = ['arrived', 'done', 'no_show'] as const;
export type ArrivalStatus = (typeof ARRIVAL_STATUSES)[number];
export const ARRIVAL_STATUS_LABELS: Record<ArrivalStatus, string> = { arrived: '已到场', done: '已办理', no_show: '未到' };
export const ArrivalBodySchema = z.strictObject({
  status: z.enum(ARRIVAL_STATUSES, { error: '到场状态应为 已到场、已办理 或 未到' }),
});

/** One appointment as the police zone's window sees it (as it crossed: ID number and phone masked). */
export const AppointmentItemSchema = z.object({
  bookingNo: z.string(),
  station: z.string(),
  day: z.string(),
  slot: z.string(),
  plate: z.string().nullable(),
  vin: z.string().nullable(),
  idNumber: z.string(),
  phone: z.string(),
  state: z.enum(APPOINTMENT_STATES),
  bookedAt: z.string(),
  cancelledAt: z.string().nullable(),
  arrival: z.enum(ARRIVAL_STATUSES).nullable(),
  arrivalAt: z.string().nullable(),
  actions: actionsSchema(['arrival']),
});
export type AppointmentItem = z.infer<typeof AppointmentItemSchema>;

export const AppointmentListSchema = z.object({ day: z.string(), items: z.array(AppointmentItemSchema) });
export type AppointmentList = z.infer<typeof AppointmentListSchema>;

/** A booking as the internet zone answers it (partner and back office): nothing personal. */
export const AppointmentBookingSchema = z.object({
  bookingNo: z.string(),
  departmentCode: z.string(),
  station: z.string(),
  day: z.string(),
  slot: z.string(),
  state: z.enum(APPOINTMENT_STATES),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export type AppointmentBooking = z.infer<typeof AppointmentBookingSchema>;
