import { integrationUrl } from '../json-post.ts';
import { GovSmsClient, type SmsAccount } from './gov-sms.client.ts';
import { type GovSmsPort, SmsError } from './gov-sms.port.ts';
import { GovSmsSimulator, type SimTemplate } from './gov-sms.simulator.ts';

export interface GovSmsConfig {
  /** SMS_URL, SMS_APP_KEY, SMS_SECRET, SMS_SIGN_NAME: the gateway and this system's account there. */
  url: string | undefined;
  account: SmsAccount | undefined;
  env: 'development' | 'production' | 'test';
}

export function govSmsConfig(env: NodeJS.ProcessEnv, platform: { env: GovSmsConfig['env'] }): GovSmsConfig {
  const url = integrationUrl(env, 'SMS_URL');
  if (url && (!env.SMS_APP_KEY || !env.SMS_SECRET))
    throw new Error('配置错误（环境变量）：\n  SMS_APP_KEY、SMS_SECRET: 设置 SMS_URL 时须同时提供短信平台账号与密钥');
  const account = url ? { appKey: env.SMS_APP_KEY!, secret: env.SMS_SECRET!, signName: env.SMS_SIGN_NAME || '上海交警' } : undefined;
  return { url, account, env: platform.env };
}

export interface GovSmsConnection {
  port: GovSmsPort;
  /** Outside production without a URL: the gateway in process (tests and demos read what it received). */
  simulator?: GovSmsSimulator;
}

/** Production without the gateway configured: sending fails as unavailable, no reports. */
const unconfigured: GovSmsPort = {
  send: () => Promise.reject(new SmsError('UNAVAILABLE', '未配置政务云短信平台（环境变量 SMS_URL）', true)),
  reports: async () => [],
};

/** URL → the client; none outside production → the simulator with the given (reviewed) templates; none in production → unavailable. */
export function createGovSmsPort(config: GovSmsConfig, templates: readonly SimTemplate[]): GovSmsConnection {
  if (config.url && config.account) return { port: GovSmsClient.http(config.url, config.account) };
  if (config.env === 'production') return { port: unconfigured };
  const account = { appKey: 'simulated', secret: 'simulated', signName: '上海交警' };
  const simulator = new GovSmsSimulator(account, templates);
  return { port: new GovSmsClient(account, simulator.transport), simulator };
}
