import type { ChangeWatermark, EbikeApi } from '../../ebike/ebike.api.ts';
import { type DataSet, settledSource } from './dataset.ts';

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
    read: settledSource(
      (after: ChangeWatermark | null, before, limit) => ebike().vehiclesChangedAfter(after, before, limit),
      (items) => items.map(({ id, version, updatedAt: _at, ...data }) => ({ key: `ebike-${id}`, version, data })),
    ),
  };
}
