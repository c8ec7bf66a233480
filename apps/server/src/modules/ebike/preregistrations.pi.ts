import { classify, NOT_PERSONAL as N, pi, STAFF_REF } from '../../platform/privacy/pi-classification.ts';
import { ebikePreregistrations } from './preregistrations.table.ts';

/** 网上预登记 received from the internet zone: the owner's ID number, name and phone encrypted, shown masked. */
export const EBIKE_PREREGISTRATIONS_PI = [
  classify(ebikePreregistrations, '非机动车网上预登记（互联网区提交，经数据交换接收，供登记窗口受理）', {
    preregNo: N,
    version: N,
    departmentCode: N,
    departmentId: N,
    station: N,
    idNumberEnc: pi('id-number', 'sm4', '所有人身份证号（默认脱敏，明文查看留审计）'),
    nameEnc: pi('person-name', 'sm4', '所有人姓名'),
    phoneEnc: pi('phone', 'sm4', '所有人手机号码'),
    zcbm: pi('vehicle-identifier', 'plain', '预登记车辆的整车编码'),
    plateWanted: pi('vehicle-identifier', 'plain', '所有人选择的号牌号码'),
    brand: N,
    model: N,
    invoiceNo: pi('vehicle-identifier', 'plain', '购车发票号码（列表中脱敏）'),
    submittedAt: N,
    photos: N, // blob digests, type and size; the photos themselves are SM4-encrypted in the blob store
    receivedAt: N,
    status: N,
    returnReason: pi('free-text', 'plain', '退回原因（民警填写）'),
    decidedAt: N,
    decidedBy: STAFF_REF,
    businessId: N,
    lsh: N,
    registeredAt: N,
  }),
];
