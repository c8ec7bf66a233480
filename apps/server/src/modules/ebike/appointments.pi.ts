import { classify, NOT_PERSONAL as N, pi } from '../../platform/privacy/pi-classification.ts';
import { ebikeAppointments } from './appointments.table.ts';

/** 非机动车登记预约 received from the internet zone: ID number and phone masked before they crossed. */
export const EBIKE_APPOINTMENTS_PI = [
  classify(ebikeAppointments, '非机动车登记预约（互联网区预约，经数据交换接收，供登记窗口办理）', {
    bookingNo: N,
    version: N,
    departmentCode: N,
    departmentId: N,
    station: N,
    day: N,
    slot: N,
    plate: pi('vehicle-identifier', 'plain', '预约办理登记的号牌'),
    vin: pi('vehicle-identifier', 'plain', '预约办理登记的整车编码'),
    idNumberMasked: pi('id-number', 'masked', '预约人身份证号（互联网区发出前脱敏）'),
    phoneMasked: pi('phone', 'masked', '预约人手机号码（互联网区发出前脱敏）'),
    state: N,
    bookedAt: N,
    cancelledAt: N,
    receivedAt: N,
    arrival: N,
    arrivalAt: N,
    arrivalVersion: N,
  }),
];
