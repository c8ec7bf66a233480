import type { OwnerInput } from '@shtp/core/ebike';
import { type SyntheticPerson, syntheticIdNumber, syntheticMobile } from '../generator/person.ts';
import { Rng } from '../generator/rng.ts';

/** A synthetic person as an e-bike owner, in the shape the registration API and the ledger take. */
export function ebikeOwner(p: SyntheticPerson): OwnerInput {
  return {
    ownerType: '1',
    idNumber: p.idNumber,
    name: p.name,
    phone: p.mobile,
    districtCode: p.districtCode as OwnerInput['districtCode'],
    address: p.address,
  };
}

/**
 * Owners and registration bodies for e-bike API tests: valid check digits, a fixed owner shape (黄浦, born
 * 1990-05-17, so a test can look for the birth date) and a fresh 整车编码, 电机号 and 来历凭证 on every call.
 */
export function ebikeRegistrations(seed: number) {
  const rng = new Rng(seed);
  let serial = 0;
  const person = () => ({
    ownerType: '1' as const,
    idNumber: syntheticIdNumber(rng, '310101', '1990-05-17', 'M'),
    name: '测试甲',
    phone: syntheticMobile(rng),
    districtCode: '310101',
    address: '上海市黄浦区测试路100号',
  });
  function registration(overrides: Record<string, unknown> = {}) {
    serial += 1;
    return {
      vehicle: {
        zcbm: `17800000${String(serial).padStart(7, '0')}`,
        motorNo: `NB2405${String(serial).padStart(7, '0')}`,
        brand: '九号',
        model: 'E80C',
        colours: ['A', 'J'],
        cccCertNo: '2019011119123456',
        batteryType: 'lithium',
        batteryVoltage: 48,
        purchaseDate: '2026-11-01',
        acquireWay: 'purchase',
        originProof: `FP${serial}`,
      },
      owner: person(),
      plateKind: 'P',
      ...overrides,
    };
  }
  return { person, registration };
}
