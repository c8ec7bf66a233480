import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpVehicleAdminClient } from './vehicle-admin.client.ts';
import { VehicleAdminError } from './vehicle-admin.port.ts';
import { startVehicleAdminSimulator, type VehicleAdminSimulator } from './vehicle-admin.simulator.ts';

describe('vehicle-admin simulator over HTTP, through the real client', () => {
  let sim: VehicleAdminSimulator;
  let client: HttpVehicleAdminClient;
  beforeAll(async () => {
    sim = await startVehicleAdminSimulator(async () => Array.from({ length: 5 }, (_, i) => ({ n: i })));
    client = new HttpVehicleAdminClient({ url: sim.url, timeoutMs: 2000 });
  });
  afterAll(() => sim?.close());

  it('pages through the feed with a cursor and ends with next = null', async () => {
    const first = await client.tempPlatesAfter(null, 2);
    expect(first).toEqual({ items: [{ n: 0 }, { n: 1 }], next: '2' });
    const last = await client.tempPlatesAfter('4', 2);
    expect(last).toEqual({ items: [{ n: 4 }], next: null });
  });

  it('refuses what the real feed refuses, with its message', async () => {
    const bad = await fetch(`${sim.url}/temp-plates?after=abc&limit=501`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('游标格式无效；每页条数须为 1–500');
    await expect(client.tempPlatesAfter('abc', 2)).rejects.toBeInstanceOf(VehicleAdminError);
  });

  it('turns a 5xx and a timeout into retryable errors; faults are consumed', async () => {
    sim.injectFault('error');
    await expect(client.tempPlatesAfter(null, 1)).rejects.toMatchObject({ retryable: true, message: '车驾管系统返回 503' });
    sim.injectFault('timeout');
    const impatient = new HttpVehicleAdminClient({ url: sim.url, timeoutMs: 300 });
    await expect(impatient.tempPlatesAfter(null, 1)).rejects.toMatchObject({ retryable: true, message: '车驾管系统超时（0 秒）' });
    expect((await client.tempPlatesAfter(null, 1)).items).toEqual([{ n: 0 }]);
  });
});
