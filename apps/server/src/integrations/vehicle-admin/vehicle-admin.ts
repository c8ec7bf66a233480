import { HttpVehicleAdminClient } from './vehicle-admin.client.ts';
import type { VehicleAdminConfig } from './vehicle-admin.config.ts';
import { VehicleAdminError, type VehicleAdminPort } from './vehicle-admin.port.ts';
import { type SimulatedFeed, startVehicleAdminSimulator, type VehicleAdminSimulator } from './vehicle-admin.simulator.ts';

export interface VehicleAdminConnection {
  port: VehicleAdminPort;
  /** The simulator when one was started (outside production, no URL configured). */
  simulator: VehicleAdminSimulator | null;
  close(): Promise<void>;
}

/** Refuses every call: production without VEHICLE_ADMIN_URL. */
class UnconfiguredVehicleAdmin implements VehicleAdminPort {
  async tempPlatesAfter(): Promise<never> {
    throw new VehicleAdminError('未配置车驾管系统接口（VEHICLE_ADMIN_URL）', false);
  }
}

/**
 * VEHICLE_ADMIN_URL → the HTTP client; outside production without it → the seeded simulator on a loopback port and
 * the same HTTP client pointed at it (so the client path is always the one exercised); else a refusing port.
 */
export async function createVehicleAdminPort(config: VehicleAdminConfig, simulatedFeed: SimulatedFeed): Promise<VehicleAdminConnection> {
  const client = (url: string) => new HttpVehicleAdminClient({ url, timeoutMs: config.timeoutMs });
  if (config.url) return { port: client(config.url), simulator: null, close: async () => {} };
  if (!config.simulator) return { port: new UnconfiguredVehicleAdmin(), simulator: null, close: async () => {} };
  const simulator = await startVehicleAdminSimulator(simulatedFeed);
  return { port: client(simulator.url), simulator, close: () => simulator.close() };
}
