/**
 * The 车驾管 system's motor-vehicle and driver registers (机动车登记、驾驶人), as the police zone reads them for the
 * exchange (G2, G3, G6, G13).
 * No interface document is available: paths and fields are assumptions [A] (README).
 */
export interface MotorVehicle {
  /** The register's own number of the vehicle (机动车序号): the business key, not an identifier of the vehicle or owner. */
  serial: string;
  /** Grows with every change of the record. */
  version: number;
  plate: string;
  /** 号牌种类, GA 24.7 code (e.g. 02 小型汽车, 52 小型新能源汽车). */
  plateKind: string;
  /** 车辆识别代号 (VIN): never leaves the police zone; its tail is the citizen's possession factor. */
  vin: string;
  vehicleType: string;
  brand: string;
  ownerName: string;
  ownerIdNumber: string;
  /** 机动车状态 (A 正常, …). */
  state: string;
}

/** A driver of the register (驾驶人); the licence number equals the ID number (SECURITY.md §2). */
export interface Driver {
  serial: string;
  version: number;
  name: string;
  idNumber: string;
  /** 档案编号 (12 digits). */
  fileNo: string;
  /** 准驾车型 (e.g. C1). */
  licenceClass: string;
  /** 驾驶证状态 (A 正常, …). */
  state: string;
  validUntil: string;
  /** 累积记分 this cycle. */
  points: number;
}

export interface MotorRegisterPort {
  /** Drivers changed after `cursor`, as `changedAfter` for vehicles (G2, G13). */
  driversChangedAfter(cursor: string | null, limit: number): Promise<{ items: Driver[]; next: string | null }>;
  /** Vehicles changed after `cursor` (null: from the start), oldest first, at most `limit` (1–500); `next` is the new cursor (null: nothing read). */
  changedAfter(cursor: string | null, limit: number): Promise<{ items: MotorVehicle[]; next: string | null }>;
  /** The VIN of each registered plate among `plates` (at most 500); unknown plates are absent. */
  vinsByPlate(plates: readonly string[]): Promise<Map<string, string>>;
}

/** The register refused or could not be reached; `retryable` for network faults and 5xx. */
export class MotorRegisterError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export const MOTOR_MAX_BATCH = 500;
export const MOTOR_CURSOR = /^\d{1,12}$/;

/** What the register refuses, the same in the client (before it calls) and in the simulator. */
export function requestRefusal(request: { cursor?: string | null; limit?: number; plates?: readonly string[] }): string | null {
  if (request.cursor != null && !MOTOR_CURSOR.test(request.cursor)) return '游标格式无效';
  if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MOTOR_MAX_BATCH))
    return `每页条数须为 1–${MOTOR_MAX_BATCH}`;
  if (request.plates !== undefined && request.plates.length > MOTOR_MAX_BATCH) return `一次最多查询 ${MOTOR_MAX_BATCH} 个号牌`;
  return null;
}
