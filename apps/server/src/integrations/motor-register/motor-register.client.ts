import { z } from 'zod';
import { postJson } from '../json-post.ts';
import { MotorRegisterError, type MotorRegisterPort, requestRefusal } from './motor-register.port.ts';

/** Paths under VEHICLE_ADMIN_URL — assumptions [A] until the 车驾管 interface document is provided. */
export const MOTOR_PATHS = { changes: 'motor-vehicles/changes', vins: 'motor-vehicles/vins', drivers: 'drivers/changes' } as const;

const Vehicle = z.object({
  serial: z.string().min(1),
  version: z.number().int().min(1),
  plate: z.string().min(1),
  plateKind: z.string(),
  vin: z.string().length(17),
  vehicleType: z.string(),
  brand: z.string(),
  ownerName: z.string(),
  ownerIdNumber: z.string(),
  state: z.string(),
});
const Changes = z.object({ items: z.array(Vehicle), next: z.string().nullable() });
const Driver = z.object({
  serial: z.string().min(1),
  version: z.number().int().min(1),
  name: z.string(),
  idNumber: z.string(),
  fileNo: z.string(),
  licenceClass: z.string(),
  state: z.string(),
  validUntil: z.string(),
  points: z.number().int(),
});
const DriverChanges = z.object({ items: z.array(Driver), next: z.string().nullable() });
const Vins = z.object({ items: z.array(z.object({ plate: z.string(), vin: z.string().length(17) })) });
const TIMEOUT_MS = 10_000;

/** The HTTP client of the register: JSON answers checked by schema; anything else is an error, never a made-up answer. */
export class HttpMotorRegisterClient implements MotorRegisterPort {
  constructor(private readonly base: string) {}

  private async call<S extends z.ZodType>(path: string, body: Record<string, unknown>, schema: S): Promise<z.infer<S>> {
    const refused = requestRefusal(body);
    if (refused) throw new MotorRegisterError(refused, false);
    const answer = await postJson('车驾管机动车登记系统', new URL(path, this.base.endsWith('/') ? this.base : `${this.base}/`), body, schema, TIMEOUT_MS);
    if (!answer.ok) throw new MotorRegisterError(answer.reason, true);
    return answer.data;
  }

  changedAfter(cursor: string | null, limit: number) {
    return this.call(MOTOR_PATHS.changes, { cursor, limit }, Changes);
  }

  driversChangedAfter(cursor: string | null, limit: number) {
    return this.call(MOTOR_PATHS.drivers, { cursor, limit }, DriverChanges);
  }

  async vinsByPlate(plates: readonly string[]) {
    if (plates.length === 0) return new Map<string, string>();
    const { items } = await this.call(MOTOR_PATHS.vins, { plates }, Vins);
    return new Map(items.map((i) => [i.plate, i.vin]));
  }
}
