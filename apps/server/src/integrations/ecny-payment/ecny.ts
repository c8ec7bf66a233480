import { integrationUrl } from '../json-post.ts';
import { HttpEcnyClient } from './ecny.client.ts';
import { EcnyError, type EcnyPaymentPort } from './ecny.port.ts';
import { EcnySimulator } from './ecny.simulator.ts';

export interface EcnyConfig {
  /** ECNY_URL: the public payment platform's e-CNY channel. */
  url: string | undefined;
  /** ECNY_PUBLIC_KEY: the channel's SM2 public key (hex), which signs its notifications. */
  publicKey: string | undefined;
  env: 'development' | 'production' | 'test';
}

export function ecnyConfig(env: NodeJS.ProcessEnv, platform: { env: EcnyConfig['env'] }): EcnyConfig {
  const url = integrationUrl(env, 'ECNY_URL');
  const publicKey = env.ECNY_PUBLIC_KEY || undefined;
  if (url && !publicKey) throw new Error('配置错误（环境变量）：\n  ECNY_PUBLIC_KEY: 设置 ECNY_URL 时须同时提供支付渠道的 SM2 公钥（十六进制）');
  if (publicKey && !/^04[0-9a-fA-F]{128}$/.test(publicKey))
    throw new Error('配置错误（环境变量）：\n  ECNY_PUBLIC_KEY: 须为 04 开头的 130 位十六进制 SM2 公钥');
  return { url, publicKey, env: platform.env };
}

export interface EcnyConnection {
  port: EcnyPaymentPort;
  /** The simulator, outside production without a URL (tests and demos pay through it). */
  simulator?: EcnySimulator;
  close(): Promise<void>;
}

const unavailable = () => new EcnyError('UNAVAILABLE', '未配置数字人民币支付渠道（环境变量 ECNY_URL、ECNY_PUBLIC_KEY）', true);

/** Production without the channel configured: the zone starts, every payment call fails as unavailable, no notification verifies. */
class UnconfiguredEcny implements EcnyPaymentPort {
  createOrder = () => Promise.reject(unavailable());
  query = () => Promise.reject(unavailable());
  refund = () => Promise.reject(unavailable());
  statement = () => Promise.reject(unavailable());
  verifyNotification = () => null;
}

/** URL → the HTTP client; none outside production → the in-process simulator; none in production → unavailable. */
export function createEcnyPort(config: EcnyConfig): EcnyConnection {
  if (config.url && config.publicKey) return { port: new HttpEcnyClient(config.url, config.publicKey), close: async () => {} };
  if (config.env === 'production') return { port: new UnconfiguredEcny(), close: async () => {} };
  const simulator = new EcnySimulator();
  return { port: simulator, simulator, close: async () => {} };
}
