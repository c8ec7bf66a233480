import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';
import type { ErrorCodeTable } from '../platform/error-codes.ts';

/** Permission codes of 非机动车登记预约 and 网上预登记 (internet zone); partners call with service scopes instead. */
export const APPOINTMENTS_P = {
  menu: 'appointments',
  book: 'appointments:book',
  preregister: 'appointments:preregister',
  list: 'appointments:list',
  /** G9: send the next day's booking reminders now (the morning's schedule runs it too). */
  remind: 'appointments:remind',
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

/**
 * G9/G13: the day-before reminder SMS of a booking, as the internet back office shows it — 未到提醒时间 (a live
 * booking not yet tried), 已发送, 发送失败 (refused for good, with the gateway's reason), 已暂缓 (held back by quiet
 * hours, a number's limits, the template's approval or the gateway being unavailable; the job tries again), 未提醒
 * (cancelled, or its day came before any reminder).
 */
export const REMINDER_STATES = ['pending', 'sent', 'failed', 'held', 'none'] as const;
export type ReminderState = (typeof REMINDER_STATES)[number];
export const REMINDER_STATE_LABELS: Record<ReminderState, string> = {
  pending: '未到提醒时间',
  sent: '已发送',
  failed: '发送失败',
  held: '已暂缓',
  none: '未提醒',
};
/** What 立即发送提醒 answers: the day whose reminders the queued job sends. */
export const ReminderRunSchema = z.object({ day: z.string(), jobId: z.number() });
export type ReminderRun = z.infer<typeof ReminderRunSchema>;

/** The states the back office filters by. */
export const REMINDER_FILTERS = ['pending', 'sent', 'failed', 'held'] as const;

/** Why a reminder did not go: the holds of the SMS sending and the gateway's refusal codes. */
const REMINDER_REASONS: Readonly<Record<string, string>> = {
  'quiet-hours': '免扰时段，稍后发送',
  template: '短信模板未审核通过',
  limit: '超过号码发送限额',
  retry: '短信平台暂不可用，稍后重试',
  PHONE_INVALID: '手机号码无效',
  TEMPLATE_UNKNOWN: '短信平台无此模板',
  PARAMS_MISMATCH: '模板变量与模板不符',
  MAC_INVALID: '请求校验码错误',
  BATCH_TOO_LARGE: '超过单批号码上限',
};

/** The Chinese reason of a stored note (`quiet-hours`, `retry:UNAVAILABLE`, `PHONE_INVALID`, …); an unknown code shows as is. */
export function reminderReason(note: string | null): string | null {
  if (!note) return null;
  const [head, code] = note.split(':', 2) as [string, string | undefined];
  const text = REMINDER_REASONS[head] ?? head;
  return code ? `${text}（${code}）` : text;
}

export const BookingReminderSchema = z.object({
  state: z.enum(REMINDER_STATES),
  reason: z.string().nullable(),
  at: z.string().nullable(),
});

/** A booking in the internet back office's list: the booking and its reminder. */
export const BookingListItemSchema = AppointmentBookingSchema.extend({ reminder: BookingReminderSchema });
export type BookingListItem = z.infer<typeof BookingListItemSchema>;
