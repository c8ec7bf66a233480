import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../platform/config/config.ts';
import { HttpTaxVerifyClient } from './tax-verify.client.ts';
import { defaultRegistry, startTaxVerifySimulator, type TaxVerifySimulator } from './tax-verify.simulator.ts';
import { createTaxVerifyPort, taxVerifyConfig } from './tax-verify.ts';

let sim: TaxVerifySimulator;
let client: HttpTaxVerifyClient;
const registry = defaultRegistry();
const normal = registry.find((i) => i.status === '正常' && i.invoiceCode)!;
const query = { invoiceCode: normal.invoiceCode, invoiceNumber: normal.invoiceNumber, issueDate: normal.issueDate, amount: normal.netAmount };
const opts = { timeoutMs: 2000 };

beforeAll(async () => {
  sim = await startTaxVerifySimulator();
  client = new HttpTaxVerifyClient(sim.url);
});
afterAll(() => sim.close());

describe('tax verification: HTTP client against the simulator', () => {
  it('finds an issued invoice with its status and the data on file', async () => {
    const a = await client.verify(query, opts);
    expect(a).toMatchObject({ outcome: 'found', status: '正常', invoice: { totalAmount: normal.totalAmount, sellerTaxId: normal.sellerTaxId } });
    const voided = registry.find((i) => i.status === '作废')!;
    const b = await client.verify(
      { invoiceCode: voided.invoiceCode, invoiceNumber: voided.invoiceNumber, issueDate: voided.issueDate, amount: voided.netAmount },
      opts,
    );
    expect(b).toMatchObject({ outcome: 'found', status: '作废' });
  });

  it('answers 查无此票 and 查验要素不一致', async () => {
    expect(await client.verify({ ...query, invoiceNumber: '00000001' }, opts)).toEqual({ outcome: 'not-found' });
    const wrongAmount = await client.verify({ ...query, amount: '1.00' }, opts);
    expect(wrongAmount).toMatchObject({ outcome: 'mismatch', message: expect.stringContaining('查验要素不一致') });
    expect(await client.verify({ ...query, issueDate: '2020-01-01' }, opts)).toMatchObject({ outcome: 'mismatch' });
  });

  it('turns a refused query, a 5xx and a timeout into unavailable, never a verdict', async () => {
    expect(await client.verify({ ...query, invoiceNumber: '12' }, opts)).toEqual({ outcome: 'unavailable', reason: '税务查验服务返回错误（HTTP 400）' });
    sim.injectFault('error');
    expect(await client.verify(query, opts)).toEqual({ outcome: 'unavailable', reason: '税务查验服务返回错误（HTTP 503）' });
    sim.injectFault('timeout');
    // The simulator holds the answer until it closes: only the client's own timeout can produce this reason.
    expect(await client.verify(query, { timeoutMs: 300 })).toEqual({ outcome: 'unavailable', reason: '税务查验服务超时（0 秒）' });
    // Faults are consumed: the next call is answered again.
    expect((await client.verify(query, opts)).outcome).toBe('found');
    const dead = new HttpTaxVerifyClient('http://127.0.0.1:9');
    expect(await dead.verify(query, opts)).toEqual({ outcome: 'unavailable', reason: '税务查验服务无法连接' });
  });
});

describe('createTaxVerifyPort', () => {
  it('starts a simulator outside production when no URL is configured, and answers unavailable in production', async () => {
    const dev = await createTaxVerifyPort(taxVerifyConfig({}, 'development'));
    try {
      expect(dev.simulator).not.toBeNull();
      expect(dev.port.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await dev.port.verify(query, opts)).outcome).toBe('found');
    } finally {
      await dev.close();
    }
    const prod = await createTaxVerifyPort(taxVerifyConfig({}, 'production'));
    expect(prod.simulator).toBeNull();
    expect(await prod.port.verify(query, opts)).toMatchObject({ outcome: 'unavailable', reason: expect.stringContaining('TAX_VERIFY_URL') });
    const configured = await createTaxVerifyPort(taxVerifyConfig({ TAX_VERIFY_URL: sim.url }, 'production'));
    expect(configured.port.target).toBe(sim.url);
    expect(() => taxVerifyConfig({ TAX_VERIFY_URL: 'ftp://x' }, 'production')).toThrow(ConfigError);
  });
});
