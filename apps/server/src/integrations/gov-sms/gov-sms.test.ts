import { describe, expect, it } from 'vitest';
import { GovSmsClient } from './gov-sms.client.ts';
import { GovSmsSimulator } from './gov-sms.simulator.ts';

const account = { appKey: 'shjj-internet', secret: 'test-only-secret', signName: '上海交警' };
const PAID = { code: 'FINE_PAID', text: '您的处罚决定书{decisionNo}已缴款{amount}元，感谢配合。' };
const setup = () => {
  const gateway = new GovSmsSimulator(account, [PAID], 3);
  return { gateway, client: new GovSmsClient(account, gateway.transport) };
};

describe('G9 government SMS gateway: client and simulator', () => {
  it('sends a template with its variables under the MAC, and reports each message once, delivered or not', async () => {
    const { gateway, client } = setup();
    gateway.undeliverable.add('13900000002');
    const accepted = await client.send({
      batchId: 'B1',
      templateCode: 'FINE_PAID',
      params: { decisionNo: '3100202600000001', amount: '50.00' },
      phones: ['13800000001', '13900000002'],
    });
    expect(accepted.messages.map((m) => m.phone)).toEqual(['13800000001', '13900000002']);
    expect(gateway.sent[0]?.text).toBe('【上海交警】您的处罚决定书3100202600000001已缴款50.00元，感谢配合。');
    const reports = await client.reports();
    expect(reports.map((r) => `${r.phone}:${r.status}`)).toEqual(['13800000001:DELIVRD', '13900000002:UNDELIV']);
    expect(await client.reports()).toEqual([]);
  });

  it('refuses like the gateway: variables, numbers, batch size, a batch ID seen before, a wrong MAC; unavailable is retryable', async () => {
    const { gateway, client } = setup();
    const ok = { batchId: 'B2', templateCode: 'FINE_PAID', params: { decisionNo: '1', amount: '1' }, phones: ['13800000001'] };
    await expect(client.send({ ...ok, params: { decisionNo: '1' } })).rejects.toMatchObject({ code: 'PARAMS_MISMATCH', retryable: false });
    await expect(client.send({ ...ok, templateCode: 'NOPE' })).rejects.toMatchObject({ code: 'TEMPLATE_UNKNOWN' });
    await expect(client.send({ ...ok, phones: ['1380000000'] })).rejects.toMatchObject({ code: 'PHONE_INVALID' });
    await expect(client.send({ ...ok, phones: ['13800000001', '13800000002', '13800000003', '13800000004'] })).rejects.toMatchObject({
      code: 'BATCH_TOO_LARGE',
    });
    gateway.failNext(1);
    await expect(client.send(ok)).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    await client.send(ok);
    await expect(client.send(ok)).rejects.toMatchObject({ code: 'BATCH_DUPLICATE' });
    const forged = new GovSmsClient({ ...account, secret: 'another-secret' }, gateway.transport);
    await expect(forged.send({ ...ok, batchId: 'B3' })).rejects.toMatchObject({ code: 'MAC_INVALID' });
    expect(gateway.sent).toHaveLength(1);
  });
});
