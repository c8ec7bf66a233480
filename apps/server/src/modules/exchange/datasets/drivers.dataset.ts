import type { MotorRegisterPort } from '../../../integrations/motor-register/motor-register.port.ts';
import type { DataSet } from './dataset.ts';
import { holderDigest } from './holder.ts';

/**
 * 驾驶人 (police → internet, G2/G13): the 车驾管 driver register by its change cursor, masked by SECURITY.md §2 — name,
 * ID number (the licence number is the same), 档案编号 first 2 + last 2; the rest of the driver's record has no rule and
 * never leaves. The holder digest of the ID number (`holder.ts`, keyed by both zones' exchange keys) crosses as the
 * record's possession factor, so that the internet zone answers a citizen its own licence without the number leaving.
 */
export function driversDataSet(register: () => MotorRegisterPort, holderKey: () => Buffer | null): DataSet {
  return {
    channel: 'drivers',
    businessType: '驾驶人信息',
    schemaVersion: 1,
    from: 'police',
    rules: {
      name: 'name',
      idNumber: 'idNumber',
      fileNo: 'code',
      licenceClass: 'none',
      state: 'none',
      validUntil: 'none',
      points: 'none',
      possession: 'none',
    },
    async read(watermark, limit) {
      const page = await register().driversChangedAfter(watermark, Math.min(limit, 500));
      if (page.items.length === 0) return { records: [], watermark: page.next };
      // Fail closed: without the other zone's key no driver is bound to a holder, so none is read (the cursor stays).
      const key = holderKey();
      if (!key) throw new Error('drivers: the other zone’s exchange key is not held, the holder digest cannot be made');
      return {
        records: page.items.map(({ serial, version, ...data }) => ({
          key: `driver-${serial}`,
          version,
          data: { ...data, possession: holderDigest(key, data.idNumber) },
        })),
        watermark: page.next,
      };
    },
  };
}
