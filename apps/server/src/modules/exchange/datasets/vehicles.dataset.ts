import type { EbikeApi } from '../../ebike/ebike.api.ts';
import type { DataSet } from './dataset.ts';

/** How long a change must be committed-old before it is read (a transaction still open may carry an earlier time). */
const SETTLE_MS = 2000;

/**
 * 非机动车 (police → internet): the e-bike module's vehicles, masked (G3). The owner's phone has no rule and never
 * leaves; the key is the police zone's internal vehicle number, not an identifier of the vehicle or its owner.
 */
export function vehiclesDataSet(ebike: () => EbikeApi): DataSet {
  return {
    channel: 'vehicles',
    businessType: '非机动车登记信息',
    schemaVersion: 1,
    from: 'police',
    rules: {
      plate: 'plate',
      plateKind: 'none',
      brand: 'none',
      model: 'none',
      colours: 'none',
      ownerName: 'name',
      ownerIdNumber: 'idNumber',
      districtCode: 'none',
      stolen: 'none',
      locked: 'none',
      cancelled: 'none',
    },
    async read(watermark, limit) {
      const after = watermark ? (JSON.parse(watermark) as { at: string; id: number }) : null;
      const page = await ebike().vehiclesChangedAfter(after, new Date(Date.now() - SETTLE_MS), limit);
      return {
        records: page.items.map(({ id, version, updatedAt: _at, ...data }) => ({ key: `ebike-${id}`, version, data })),
        watermark: page.next ? JSON.stringify(page.next) : null,
      };
    },
  };
}
