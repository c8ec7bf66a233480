import { type Driver, MotorRegisterError, type MotorRegisterPort, type MotorVehicle, requestRefusal } from './motor-register.port.ts';

/** Appends a new version of a record (by serial) to a change log. */
function appendVersion<T extends { serial: string; version: number }>(log: T[], record: Omit<T, 'version'>): T {
  const before = log.findLast((r) => r.serial === record.serial);
  const entry = { ...record, version: (before?.version ?? 0) + 1 } as T;
  log.push(entry);
  return entry;
}

/** One page of a change log after a cursor (a log position), refused as the register refuses. */
function pageOfLog<T>(log: readonly T[], cursor: string | null, limit: number): { items: T[]; next: string | null } {
  const refused = requestRefusal({ cursor, limit });
  if (refused) throw new MotorRegisterError(refused, false);
  const start = cursor === null ? 0 : Number(cursor);
  const items = log.slice(start, start + limit);
  return { items, next: items.length > 0 ? String(start + items.length) : null };
}

/**
 * The register in process, outside production without VEHICLE_ADMIN_URL: a change log of vehicles, empty until
 * `register` adds or changes one (tests, demos), refusing what the real one refuses.
 */
export class MotorRegisterSimulator implements MotorRegisterPort {
  /** The change log: a vehicle changed again is appended again with a higher version; the cursor is a log position. */
  private readonly log: MotorVehicle[] = [];

  private readonly drivers: Driver[] = [];

  register(vehicle: Omit<MotorVehicle, 'version'>): MotorVehicle {
    return appendVersion(this.log, vehicle);
  }

  registerDriver(driver: Omit<Driver, 'version'>): Driver {
    return appendVersion(this.drivers, driver);
  }

  async changedAfter(cursor: string | null, limit: number) {
    return pageOfLog(this.log, cursor, limit);
  }

  async driversChangedAfter(cursor: string | null, limit: number) {
    return pageOfLog(this.drivers, cursor, limit);
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
