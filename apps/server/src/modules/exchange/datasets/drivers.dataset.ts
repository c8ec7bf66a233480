import type { MotorRegisterPort } from '../../../integrations/motor-register/motor-register.port.ts';
import type { DataSet } from './dataset.ts';

/**
 * 驾驶人 (police → internet, G2/G13): the 车驾管 driver register by its change cursor, masked by SECURITY.md §2 — name,
 * ID number (the licence number is the same), 档案编号 first 2 + last 2; the rest of the driver's record has no rule and
 * never leaves.
 */
export function driversDataSet(register: () => MotorRegisterPort): DataSet {
  return {
    channel: 'drivers',
    businessType: '驾驶人信息',
    schemaVersion: 1,
    from: 'police',
    rules: { name: 'name', idNumber: 'idNumber', fileNo: 'code', licenceClass: 'none', state: 'none', validUntil: 'none', points: 'none' },
    async read(watermark, limit) {
      const page = await register().driversChangedAfter(watermark, Math.min(limit, 500));
      return { records: page.items.map(({ serial, version, ...data }) => ({ key: `driver-${serial}`, version, data })), watermark: page.next };
    },
  };
}
