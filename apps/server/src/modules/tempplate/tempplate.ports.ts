import type { VehicleAdminConnection } from '../../integrations/vehicle-admin/vehicle-admin.ts';

/** The temporary-plate module's external systems. */
export interface TempplatePorts {
  /** The 车驾管 temporary-plate feed (its simulator outside production without VEHICLE_ADMIN_URL). */
  vehicleAdmin: VehicleAdminConnection;
}
