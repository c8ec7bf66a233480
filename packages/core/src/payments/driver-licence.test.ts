import { describe, expect, it } from 'vitest';
import { driverLicenceStateName } from './driver-licence.ts';

describe('driverLicenceStateName', () => {
  it('names each letter of a state, and an unknown or empty one without guessing', () => {
    expect(driverLicenceStateName('A')).toBe('正常');
    expect(driverLicenceStateName('dh')).toBe('暂扣、违法未处理');
    expect(driverLicenceStateName('AZ')).toBe('正常、其他（Z）');
    expect(driverLicenceStateName(' ')).toBe('未知');
  });
});
