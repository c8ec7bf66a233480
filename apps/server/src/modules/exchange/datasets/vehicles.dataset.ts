import type { ChangeWatermark, EbikeApi } from '../../ebike/ebike.api.ts';
import { type DataSet, settledSource } from './dataset.ts';
import { possessionDigest } from './possession.ts';

/**
 * 非机动车 (police → internet): the e-bike module's vehicles, masked (G3). The owner's phone has no rule and never
 * leaves; the key is the police zone's internal vehicle number, not an identifier of the vehicle or its owner. The
 * possession digest of plate and 整车编码 tail (`possession.ts`) crosses instead of either.
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
      possession: 'none',
    },
    read: settledSource(
      (after: ChangeWatermark | null, before, limit) => ebike().vehiclesChangedAfter(after, before, limit),
      (items) =>
        items.map(({ id, version, updatedAt: _at, ...data }) => ({
          key: `ebike-${id}`,
          version,
          // G6: lets the internet zone tell a citizen who holds the vehicle (no violations) from a wrong factor.
          data: { ...data, possession: data.plate ? possessionDigest(data.plate, data.zcbm) : null },
        })),
    ),
  };
}
