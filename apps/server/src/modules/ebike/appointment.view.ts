import type { AppointmentItem } from '@shtp/core/ebike';
import type { AppointmentRow } from './appointments.repository.ts';

/** A received booking as the window sees it (ID number and phone as they crossed: masked), with its allowed actions. */
export const appointmentView = (r: AppointmentRow, actions: AppointmentItem['actions']): AppointmentItem => ({
  bookingNo: r.bookingNo,
  station: r.station,
  day: r.day,
  slot: r.slot,
  plate: r.plate,
  vin: r.vin,
  idNumber: r.idNumberMasked,
  phone: r.phoneMasked,
  state: r.state,
  bookedAt: r.bookedAt.toISOString(),
  cancelledAt: r.cancelledAt?.toISOString() ?? null,
  arrival: r.arrival,
  arrivalAt: r.arrivalAt?.toISOString() ?? null,
  actions,
});
