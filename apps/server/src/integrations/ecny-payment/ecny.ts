import type { Config } from '../../platform/config/config.ts';
import { ConfigError } from '../../platform/config/config.ts';
import type { EcnyPaymentPort } from './ecny.port.ts';
import { EcnySimulator } from './ecny.simulator.ts';

export interface EcnyConnection {
  port: EcnyPaymentPort;
  /** The simulator, outside production (tests and demos pay through it). */
  simulator?: EcnySimulator;
  close(): Promise<void>;
}

/**
 * The e-CNY port of this process. Only the simulator exists: the real channel's interface specification is not
 * available (DOMAIN.md open point 7), so production refuses to start with the payments module rather than guess.
 */
export function createEcnyPort(config: Pick<Config, 'env'>): EcnyConnection {
  if (config.env === 'production') throw new ConfigError('配置错误：数字人民币支付渠道的真实接口尚未接入（缺少接口规范），生产环境不能使用模拟器');
  const simulator = new EcnySimulator();
  return { port: simulator, simulator, close: async () => {} };
}
