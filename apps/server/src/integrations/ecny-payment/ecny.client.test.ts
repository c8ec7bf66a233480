import { sm2GenerateKeyPair, sm2Sign } from '@shtp/gm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonStandIn, jsonStandIn } from '../json-stand-in.test-fixtures.ts';
import { HttpEcnyClient } from './ecny.client.ts';
import { createEcnyPort, ecnyConfig } from './ecny.ts';

/** A stand-in for the channel: answers an order, refuses a refund with 400, and garbles the statement. */
let channelStandIn: JsonStandIn;
let base: string;
let received: JsonStandIn['received'];
const channel = sm2GenerateKeyPair();

beforeAll(async () => {
  channelStandIn = await jsonStandIn(({ path }) => {
    if (path === '/ecny/orders') return [200, { channelOrderNo: 'ECNY0001', payUrl: 'https://pay.example.invalid/1' }];
    if (path === '/ecny/refunds') return [400, { message: '退款金额超过可退金额' }];
    return [200, { unexpected: true }];
  });
  base = `${channelStandIn.origin}/ecny/`;
  received = channelStandIn.received;
});
afterAll(() => channelStandIn.close());

describe('e-CNY HTTP client', () => {
  it('orders, and reports a refusal or an unrecognised answer as unavailable, never as a result', async () => {
    const client = new HttpEcnyClient(base, channel.publicKey);
    expect(await client.createOrder({ merchantOrderNo: 'FK2026120200000001', decisionNo: '3100202600000001', amountFen: 5000 })).toEqual({
      channelOrderNo: 'ECNY0001',
      payUrl: 'https://pay.example.invalid/1',
    });
    expect(received[0]).toEqual({ path: '/ecny/orders', body: { merchantOrderNo: 'FK2026120200000001', decisionNo: '3100202600000001', amountFen: 5000 } });
    await expect(client.refund('FK2026120200000001', 'TK1', 9_999_999)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('退款金额超过可退金额'),
    });
    await expect(client.statement('2026-12-02')).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('无法识别') });
  });

  it('accepts a notification only under the channel key', () => {
    const client = new HttpEcnyClient(base, channel.publicKey);
    const body = JSON.stringify({ merchantOrderNo: 'FK1', channelOrderNo: 'ECNY0001', status: 'SUCCESS', amountFen: 5000, paidAt: '2026-12-02T10:00:00Z' });
    expect(client.verifyNotification(body, sm2Sign(body, channel.privateKey).toString('hex'))).toMatchObject({ status: 'SUCCESS', amountFen: 5000 });
    expect(client.verifyNotification(body, sm2Sign(body, sm2GenerateKeyPair().privateKey).toString('hex'))).toBeNull();
    expect(client.verifyNotification(body.replace('5000', '1'), sm2Sign(body, channel.privateKey).toString('hex'))).toBeNull();
  });

  it('production starts without the channel configured, and every call fails as unavailable', async () => {
    const { port, simulator } = createEcnyPort(ecnyConfig({}, { env: 'production' }));
    expect(simulator).toBeUndefined();
    await expect(port.createOrder({ merchantOrderNo: 'FK2026120200000002', decisionNo: 'x', amountFen: 1 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(port.verifyNotification('{}', 'ab')).toBeNull();
    expect(createEcnyPort(ecnyConfig({ ECNY_URL: base, ECNY_PUBLIC_KEY: channel.publicKey }, { env: 'production' })).port).toBeInstanceOf(HttpEcnyClient);
    expect(() => ecnyConfig({ ECNY_URL: base }, { env: 'production' })).toThrow(/ECNY_PUBLIC_KEY/);
  });
});
