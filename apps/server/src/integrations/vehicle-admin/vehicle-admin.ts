import { HttpVehicleAdminClient } from './vehicle-admin.client.ts';
import type { VehicleAdminConfig } from './vehicle-admin.config.ts';
import { VehicleAdminError, type VehicleAdminPort } from './vehicle-admin.port.ts';
import { type SimulatedFeed, VehicleAdminSimulator } from './vehicle-admin.simulator.ts';

export interface VehicleAdminConnection {
  port: VehicleAdminPort;
  close(): Promise<void>;
}

/** Refuses every call: production without VEHICLE_ADMIN_URL. */
class UnconfiguredVehicleAdmin implements VehicleAdminPort {
  async tempPlatesAfter(): Promise<never> {
    throw new VehicleAdminError('未配置车驾管系统接口（VEHICLE_ADMIN_URL）', false);
  }
}

/** VEHICLE_ADMIN_URL → the HTTP client; outside production without it → the seeded simulator; else a refusing port. */
export function createVehicleAdminPort(config: VehicleAdminConfig, simulatedFeed: SimulatedFeed): VehicleAdminConnection {
  const port = config.url
    ? new HttpVehicleAdminClient({ url: config.url, timeoutMs: config.timeoutMs })
    : config.simulator
      ? new VehicleAdminSimulator(simulatedFeed)
      : new UnconfiguredVehicleAdmin();
  return { port, close: async () => {} };
}
