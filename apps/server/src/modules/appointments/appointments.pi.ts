import { classify, NOT_PERSONAL as N, pi } from '../../platform/privacy/pi-classification.ts';
import { appointmentBookings } from './appointments.table.ts';

/** 非机动车登记预约 (internet zone): the citizen's ID number and phone encrypted, the vehicle's plate or 整车编码 in clear. */
export const APPOINTMENTS_PI = [
  classify(appointmentBookings, '非机动车登记预约（互联网区）', {
    id: N,
    bookingNo: N,
    departmentCode: N,
    station: N,
    day: N,
    slot: N,
    plate: pi('vehicle-identifier', 'plain', '预约办理登记的号牌'),
    vin: pi('vehicle-identifier', 'plain', '预约办理登记的整车编码'),
    idNumberIdx: pi('id-number', 'hmac-sm3', '预约人身份证号的盲索引（查重、按人查找）'),
    idNumberEnc: pi('id-number', 'sm4', '预约人身份证号'),
    phoneEnc: pi('phone', 'sm4', '预约人手机号码'),
    openid: pi('citizen-account', 'plain'),
    state: N,
    version: N,
    createdAt: N,
    cancelledAt: N,
    reminderState: N,
    reminderNote: N,
    remindedAt: N,
  }),
];
