import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonStandIn, jsonStandIn } from '../json-stand-in.test-fixtures.ts';
import { HttpMotorRegisterClient } from './motor-register.client.ts';
import { createMotorRegisterPort } from './motor-register.ts';

/** A stand-in for the 车驾管 register: one page of vehicles, a VIN, and a garbled driver page. */
let register: JsonStandIn;
let base: string;
let received: JsonStandIn['received'];
const vehicle = {
  serial: '1',
  version: 2,
  plate: '沪A12345',
  plateKind: '02',
  vin: 'LSVAU2180N2183294',
  vehicleType: 'K33',
  brand: 'B',
  ownerName: '张三',
  ownerIdNumber: '310104198803090021',
  state: 'A',
};

beforeAll(async () => {
  register = await jsonStandIn(({ path }) => {
    if (path === '/cjg/motor-vehicles/changes') return [200, { items: [vehicle], next: '1' }];
    if (path === '/cjg/motor-vehicles/vins') return [200, { items: [{ plate: '沪A12345', vin: vehicle.vin }] }];
    return [200, { items: [{ serial: '9' }], next: null }];
  });
  base = `${register.origin}/cjg`;
  received = register.received;
});
afterAll(() => register.close());

describe('车驾管 register HTTP client', () => {
  it('reads changes and VINs, refuses a bad request before calling, and never takes an unrecognised answer', async () => {
    const client = new HttpMotorRegisterClient(base);
    expect(await client.changedAfter(null, 100)).toEqual({ items: [vehicle], next: '1' });
    expect(received[0]).toEqual({ path: '/cjg/motor-vehicles/changes', body: { cursor: null, limit: 100 } });
    expect(await client.vinsByPlate(['沪A12345', '沪B00001'])).toEqual(new Map([['沪A12345', vehicle.vin]]));
    await expect(client.driversChangedAfter(null, 10)).rejects.toMatchObject({ retryable: true, message: expect.stringContaining('无法识别') });
    const calls = received.length;
    await expect(client.changedAfter('x', 10)).rejects.toMatchObject({ retryable: false, message: '游标格式无效' });
    await expect(client.vinsByPlate(Array.from({ length: 501 }, (_, i) => `沪A${i}`))).rejects.toThrow('一次最多查询 500 个号牌');
    expect(received).toHaveLength(calls);
  });

  it('production without VEHICLE_ADMIN_URL refuses every call; outside production the simulator stands in', async () => {
    const { port, simulator } = createMotorRegisterPort({}, { env: 'production' });
    expect(simulator).toBeUndefined();
    await expect(port.changedAfter(null, 10)).rejects.toThrow('VEHICLE_ADMIN_URL');
    expect(createMotorRegisterPort({ VEHICLE_ADMIN_URL: base }, { env: 'production' }).port).toBeInstanceOf(HttpMotorRegisterClient);
    expect(createMotorRegisterPort({}, { env: 'test' }).simulator).toBeDefined();
  });
});
