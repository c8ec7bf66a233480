import { integrationUrl } from '../json-post.ts';
import { HttpMotorRegisterClient } from './motor-register.client.ts';
import { MotorRegisterError, type MotorRegisterPort } from './motor-register.port.ts';
import { MotorRegisterSimulator } from './motor-register.simulator.ts';

export interface MotorRegisterConnection {
  port: MotorRegisterPort;
  /** Outside production without a URL: tests and demos register vehicles in it. */
  simulator?: MotorRegisterSimulator;
}

const unconfigured = () => Promise.reject(new MotorRegisterError('未配置车驾管系统接口（VEHICLE_ADMIN_URL）', false));

/**
 * VEHICLE_ADMIN_URL → the HTTP client; none outside production → the in-process simulator (empty until vehicles are
 * registered in it); none in production → every call refused (the motor-vehicle set does not cross).
 */
export function createMotorRegisterPort(env: NodeJS.ProcessEnv, platform: { env: 'development' | 'production' | 'test' }): MotorRegisterConnection {
  const url = integrationUrl(env, 'VEHICLE_ADMIN_URL');
  if (url) return { port: new HttpMotorRegisterClient(url) };
  if (platform.env === 'production') return { port: { changedAfter: unconfigured, driversChangedAfter: unconfigured, vinsByPlate: unconfigured } };
  const simulator = new MotorRegisterSimulator();
  return { port: simulator, simulator };
}
