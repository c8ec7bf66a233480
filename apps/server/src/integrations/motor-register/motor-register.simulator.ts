import { MotorRegisterError, type MotorRegisterPort, type MotorVehicle, requestRefusal } from './motor-register.port.ts';

/**
 * The register in process, outside production without VEHICLE_ADMIN_URL: a change log of vehicles, empty until
 * `register` adds or changes one (tests, demos), refusing what the real one refuses.
 */
export class MotorRegisterSimulator implements MotorRegisterPort {
  /** The change log: a vehicle changed again is appended again with a higher version; the cursor is a log position. */
  private readonly log: MotorVehicle[] = [];

  register(vehicle: Omit<MotorVehicle, 'version'>): MotorVehicle {
    const before = this.log.findLast((v) => v.serial === vehicle.serial);
    const entry = { ...vehicle, version: (before?.version ?? 0) + 1 };
    this.log.push(entry);
    return entry;
  }

  async changedAfter(cursor: string | null, limit: number) {
    const refused = requestRefusal({ cursor, limit });
    if (refused) throw new MotorRegisterError(refused, false);
    const start = cursor === null ? 0 : Number(cursor);
    const items = this.log.slice(start, start + limit);
    return { items, next: items.length > 0 ? String(start + items.length) : null };
  }

  async vinsByPlate(plates: readonly string[]) {
    const refused = requestRefusal({ plates });
    if (refused) throw new MotorRegisterError(refused, false);
    const wanted = new Set(plates);
    const latest = new Map<string, MotorVehicle>();
    for (const v of this.log) latest.set(v.serial, v);
    return new Map([...latest.values()].filter((v) => wanted.has(v.plate) && v.state === 'A').map((v) => [v.plate, v.vin]));
  }
}
