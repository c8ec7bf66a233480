import { classify, NOT_PERSONAL as N, pi, STAFF_REF } from '../../platform/privacy/pi-classification.ts';
import { exchangeChannels, exchangeOutbox, exchangeOutboxWaiting, exchangePackages, exchangeRecords } from './exchange.table.ts';
import { exchangeStaffPasswords } from './staff-passwords.table.ts';

const CROSSING = ['person-name', 'id-number', 'phone', 'address', 'vehicle-identifier'] as const;

/** Personal information of the 数据交换 tables: records cross masked (police → internet) and are kept as they crossed. */
export const EXCHANGE_PI = [
  classify(exchangeOutbox, '待发往另一网络区域的数据记录（发出前已按规则脱敏）', {
    id: N,
    channel: N,
    businessKey: pi('vehicle-identifier', 'plain', '业务主键（号牌、决定书编号等）'),
    version: N,
    record: pi(
      [...CROSSING],
      'masked',
      '公安网发出的数据按字段规则脱敏，无规则的字段不发出；网上预登记的所有人身份证号、姓名、手机号以对端 SM2 公钥加密后写入',
    ),
    createdAt: N,
  }),
  classify(exchangeOutboxWaiting, '发件箱中尚未封装的记录（仅编号）', { channel: N, outboxId: N }),
  classify(exchangePackages, '数据包登记（发出与接收）', {
    id: N,
    packageId: N,
    direction: N,
    channel: N,
    sequence: N,
    previousSequence: N,
    businessType: N,
    recordCount: N,
    bytes: N,
    state: N,
    reason: N,
    createdAt: N,
    appliedAt: N,
    resentAt: N,
    confirmedAt: N,
    confirmedRecords: N,
    outboxIds: N,
  }),
  classify(exchangeChannels, '交换通道的序号与增量水位', { direction: N, channel: N, lastSequence: N, watermark: N, updatedAt: N }),
  classify(exchangeRecords, '从另一网络区域接收的数据（每个业务主键的最新版本）', {
    channel: N,
    businessKey: pi('vehicle-identifier', 'plain', '业务主键（号牌、决定书编号等）'),
    version: N,
    record: pi([...CROSSING], 'masked', '公安网发来的数据在发出前已脱敏；互联网区发来的网上预登记所有人信息为 SM2 密文，仅入库处理时解密'),
    packageRef: N,
    updatedAt: N,
  }),
  classify(exchangeStaffPasswords, '公安网民警申请的互联网区账户初始密码（经数据交换以对端 SM2 公钥加密送出）', {
    userId: STAFF_REF,
    passwordEnc: pi('credential', 'sm4', '初始密码，字段级 SM4 加密；仅显示一次；签发后 72 小时内随该用户的互认记录密封送出'),
    issuedAt: N,
  }),
];
