import { describe, expect, it } from 'vitest';
import { MotorRegisterSimulator } from '../../../integrations/motor-register/motor-register.simulator.ts';
import type { EbikeApi } from '../../ebike/ebike.api.ts';
import type { DecisionExport, EnforcementApi } from '../../enforcement/enforcement.api.ts';
import { motorVehiclesDataSet } from './motor-vehicles.dataset.ts';
import { possessionDigest } from './possession.ts';
import { violationsDataSet } from './violations.dataset.ts';

const decision = (decisionNo: string, plate: string | null): DecisionExport => ({
  decisionNo,
  plate,
  occurredAt: '2026-12-01T02:00:00.000Z',
  place: '人民路',
  act: '1039 违反禁止标线指示',
  points: 3,
  fineFen: 20_000,
  dueDate: '2026-12-16',
});

describe('G6 possession factor of a decision', () => {
  const register = new MotorRegisterSimulator();
  const motor = {
    serial: '1',
    plate: '沪A12345',
    plateKind: '02',
    vin: 'LSVAU2180N2183294',
    vehicleType: 'K33',
    brand: 'B',
    ownerName: '张三',
    ownerIdNumber: 'x',
    state: 'A',
  };
  register.register(motor);
  register.register({ ...motor, serial: '2', plate: '沪B55555', vin: 'LFV2A21K6M3000001', state: 'E' });
  const ebike = { vehicleCodes: async (plates: readonly string[]) => new Map(plates.filter((p) => p === '沪E000001').map((p) => [p, 'ZCBM0000000123456'])) };
  const enforcement = (items: DecisionExport[]) => ({ decisionsAfter: async () => ({ items, next: { at: 'x', id: '1' } }) });

  it('is plate + VIN tail for a registered motor vehicle, plate + 整车编码 tail for an e-bike, none otherwise', async () => {
    const set = violationsDataSet(
      () => enforcement([decision('1', '沪A12345'), decision('2', '沪E000001'), decision('3', '沪B55555'), decision('4', null)]) as unknown as EnforcementApi,
      () => ebike as unknown as EbikeApi,
      () => register,
    );
    const { records } = await set.read!(null, 10);
    expect(records.map((r) => r.data.possession)).toEqual([
      possessionDigest('沪A12345', motor.vin),
      possessionDigest('沪E000001', 'ZCBM0000000123456'),
      null, // 沪B55555 is not in 正常 state: no factor, nobody finds it by this vehicle
      null,
    ]);
  });

  it('reads the motor-vehicle set by the register cursor, newest version per change, without the VIN', async () => {
    const set = motorVehiclesDataSet(() => register);
    const first = await set.read!(null, 1);
    expect(first.records).toEqual([
      { key: 'motor-1', version: 1, data: expect.objectContaining({ plate: '沪A12345', possession: possessionDigest('沪A12345', motor.vin) }) },
    ]);
    expect(set.rules).not.toHaveProperty('vin');
    const rest = await set.read!(first.watermark, 10);
    expect(rest.records.map((r) => r.key)).toEqual(['motor-2']);
    expect(await set.read!(rest.watermark, 10)).toEqual({ records: [], watermark: null });
    await expect(register.changedAfter('x', 10)).rejects.toThrow('游标格式无效');
    await expect(register.changedAfter(null, 501)).rejects.toThrow('每页条数');
  });
});
