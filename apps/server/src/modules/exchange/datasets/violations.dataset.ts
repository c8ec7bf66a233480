import type { MotorRegisterPort } from '../../../integrations/motor-register/motor-register.port.ts';
import type { EbikeApi } from '../../ebike/ebike.api.ts';
import type { DecisionWatermark, EnforcementApi } from '../../enforcement/enforcement.api.ts';
import { type DataSet, settledSource } from './dataset.ts';
import { possessionDigest } from './possession.ts';

/**
 * 违法与处罚决定 (police → internet): what a citizen needs to query and pay a fine — the 交通执法 module's 罚款 decisions,
 * by watermark on (created_at, id). The plate is masked; the decision number is not (the payer needs it,
 * SECURITY.md §3); the party's identity has no rule and never leaves. A decision on a registered e-bike carries the
 * possession digest of plate and 整车编码 (`possession.ts`), one on a registered motor vehicle that of plate and VIN
 * (from the 车驾管 register), by which a citizen finds it (G6).
 */
export function violationsDataSet(enforcement: () => EnforcementApi, ebike: () => EbikeApi, motorRegister: () => MotorRegisterPort): DataSet {
  return {
    channel: 'violations',
    businessType: '交通违法与处罚决定',
    schemaVersion: 1,
    from: 'police',
    rules: {
      decisionNo: 'none',
      plate: 'plate',
      occurredAt: 'none',
      place: 'none',
      act: 'none',
      points: 'none',
      fineFen: 'none',
      dueDate: 'none',
      paid: 'none',
      possession: 'none',
    },
    read: settledSource(
      (after: DecisionWatermark | null, before, limit) => enforcement().decisionsAfter(after, before, limit),
      async (items) => {
        const plates = items.flatMap((d) => (d.plate ? [d.plate] : []));
        const codes = await ebike().vehicleCodes(plates);
        // The rest are motor vehicles (or unknown): their VIN tail is the factor (G6).
        const vins = await motorRegister().vinsByPlate([...new Set(plates.filter((p) => !codes.has(p)))]);
        const possession = (plate: string | null) => {
          const code = plate && (codes.get(plate) ?? vins.get(plate));
          return code ? possessionDigest(plate, code) : null;
        };
        return items.map((d) => ({ key: d.decisionNo, version: 1, data: { ...d, paid: false, possession: possession(d.plate) } }));
      },
    ),
  };
}
