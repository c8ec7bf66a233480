import { classify, NOT_PERSONAL as N, pi } from '../../platform/privacy/pi-classification.ts';
import { appointmentPreregistrations } from './preregistrations.table.ts';

/** 网上预登记 (internet zone): the owner's ID number, name and phone encrypted; the vehicle's items in clear. */
export const PREREGISTRATIONS_PI = [
  classify(appointmentPreregistrations, '非机动车网上预登记（互联网区，经数据交换送公安网登记窗口）', {
    id: N,
    preregNo: N,
    departmentCode: N,
    station: N,
    openid: pi('citizen-account', 'plain'),
    idNumberIdx: pi('id-number', 'hmac-sm3', '所有人身份证号的盲索引（查重）'),
    idNumberEnc: pi('id-number', 'sm4', '所有人身份证号'),
    nameEnc: pi('person-name', 'sm4', '所有人姓名'),
    phoneEnc: pi('phone', 'sm4', '所有人手机号码'),
    zcbm: pi('vehicle-identifier', 'plain', '预登记车辆的整车编码'),
    plateWanted: pi('vehicle-identifier', 'plain', '所有人选择的号牌号码'),
    brand: N,
    model: N,
    invoiceNo: pi('vehicle-identifier', 'plain', '购车发票号码（来历凭证）'),
    photos: N, // blob digests, type and size; the photos themselves are SM4-encrypted in the blob store
    version: N,
    createdAt: N,
  }),
];
