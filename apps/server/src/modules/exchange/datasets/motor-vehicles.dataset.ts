import type { MotorRegisterPort } from '../../../integrations/motor-register/motor-register.port.ts';
import type { DataSet } from './dataset.ts';
import { possessionDigest } from './possession.ts';

/**
 * 机动车 (police → internet, G3/G6/G13): the 车驾管 register's motor vehicles by its change cursor, masked. The VIN
 * and the owner's details beyond the masked name and ID number have no rule and never leave; the possession digest
 * of plate and VIN tail crosses instead, so a citizen holding a vehicle without violations gets an empty answer.
 */
export function motorVehiclesDataSet(register: () => MotorRegisterPort): DataSet {
  return {
    channel: 'motor-vehicles',
    businessType: '机动车登记信息',
    schemaVersion: 1,
    from: 'police',
    rules: {
      plate: 'plate',
      plateKind: 'none',
      vehicleType: 'none',
      brand: 'none',
      ownerName: 'name',
      ownerIdNumber: 'idNumber',
      state: 'none',
      possession: 'none',
    },
    async read(watermark, limit) {
      const page = await register().changedAfter(watermark, Math.min(limit, 500));
      return {
        records: page.items.map(({ serial, version, ...data }) => ({
          key: `motor-${serial}`,
          version,
          data: { ...data, possession: possessionDigest(data.plate, data.vin) },
        })),
        watermark: page.next,
      };
    },
  };
}
