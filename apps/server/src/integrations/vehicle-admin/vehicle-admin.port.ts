/** One page of temporary-plate businesses from the 车驾管 system, after a cursor; `next` null: nothing newer yet. */
export interface VehicleAdminPage {
  /** Raw items as the system sends them: the module validates each (BusinessIntakeSchema) before it takes it. */
  items: unknown[];
  next: string | null;
}

/** The 车驾管 (vehicle administration) system's temporary-plate feed. */
export interface VehicleAdminPort {
  /** Businesses after `cursor` (null: from the start), at most `limit` (1–500). */
  tempPlatesAfter(cursor: string | null, limit: number): Promise<VehicleAdminPage>;
}

/** The feed refused or could not be reached; `retryable` for network faults and 5xx. */
export class VehicleAdminError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export const MAX_PAGE = 500;
export const CURSOR = /^\d{1,12}$/;
/** The feed's path under VEHICLE_ADMIN_URL. */
export const FEED_PATH = '/temp-plates';
