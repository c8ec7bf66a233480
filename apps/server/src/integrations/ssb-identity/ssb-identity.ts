import { SsbIdentityVerifier } from './ssb-identity.client.ts';
import type { SsbIdentityPort } from './ssb-identity.port.ts';
import { SsbIdentitySimulator } from './ssb-identity.simulator.ts';

export interface SsbIdentityConnection {
  port: SsbIdentityPort;
  /** Outside production without a key: tests and demos issue assertions with it. */
  simulator?: SsbIdentitySimulator;
}

/** SSB_PUBLIC_KEY (the hub's SM2 public key, hex) → the verifier; none outside production → the simulator; none in production → nothing verifies. */
export function createSsbIdentityPort(env: NodeJS.ProcessEnv, platform: { env: 'development' | 'production' | 'test' }): SsbIdentityConnection {
  const key = env.SSB_PUBLIC_KEY || undefined;
  if (key && !/^04[0-9a-fA-F]{128}$/.test(key)) throw new Error('配置错误（环境变量）：\n  SSB_PUBLIC_KEY: 须为 04 开头的 130 位十六进制 SM2 公钥');
  if (key) return { port: new SsbIdentityVerifier(key) };
  if (platform.env === 'production') return { port: { verify: () => null } };
  const simulator = new SsbIdentitySimulator();
  return { port: simulator, simulator };
}
