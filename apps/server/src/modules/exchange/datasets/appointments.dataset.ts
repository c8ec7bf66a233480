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

/** Police zone: bookings that crossed are kept by the e-bike module for the window of their department, in the package's transaction. */
export const appointmentsApplier =
  (ebike: () => EbikeApi): Applier =>
  (tx, records) =>
    ebike().recordAppointments(
      tx,
      records.map((r) => ({ ...(r.data as unknown as Omit<CrossedAppointment, 'version'>), version: r.version })),
    );
