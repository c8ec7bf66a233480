import type { CrossedAppointment, EbikeApi } from '../../ebike/ebike.api.ts';
import type { Applier } from '../inbound.service.ts';
import type { DataSet } from './dataset.ts';

/**
 * 非机动车登记预约 (internet → police): a booking made in the internet zone, keyed by its number; a cancellation
 * crosses again as version 2. The citizen's ID number and phone cross masked (the window checks the ID card itself),
 * plate and 整车编码 in clear so the window can find the vehicle.
 */
export const appointmentsDataSet: DataSet = {
  channel: 'appointments',
  businessType: '非机动车登记预约',
  schemaVersion: 1,
  from: 'internet',
  rules: {
    bookingNo: 'none',
    departmentCode: 'none',
    station: 'none',
    day: 'none',
    slot: 'none',
    plate: 'none',
    vin: 'none',
    idNumber: 'idNumber',
    phone: 'phone',
    state: 'none',
    bookedAt: 'none',
    cancelledAt: 'none',
  },
};

/**
 * G13 (police → internet): what the window recorded of a booking (已到场 / 已办理 / 未到), keyed by the booking's
 * number, a new version per change; no personal data. The internet zone keeps the newest version as received and
 * answers it with the booking (`GET /api/appointments/:bookingNo`).
 */
export const appointmentStatusDataSet: DataSet = {
  channel: 'appointment-status',
  businessType: '非机动车登记预约到场状态',
  schemaVersion: 1,
  from: 'police',
  rules: { bookingNo: 'none', status: 'none', markedAt: 'none' },
};

/** Police zone: bookings that crossed are kept by the e-bike module for the window of their department, in the package's transaction. */
export const appointmentsApplier =
  (ebike: () => EbikeApi): Applier =>
  (tx, records) =>
    ebike().recordAppointments(
      tx,
      records.map((r) => ({ ...(r.data as unknown as Omit<CrossedAppointment, 'version'>), version: r.version })),
    );
