import { integrationUrl } from '../json-post.ts';
import { HttpEducation } from './education.client.ts';
import type { EducationAnswer, EducationPort } from './education.port.ts';
import { type EducationSimulator, startEducationSimulator } from './education.simulator.ts';

export interface EducationConfig {
  /** EDUCATION_URL: the Ministry's education interface (through the gateway). */
  url: string | undefined;
  env: 'development' | 'production' | 'test';
}

export const educationConfig = (env: NodeJS.ProcessEnv, platform: { env: EducationConfig['env'] }): EducationConfig => ({
  url: integrationUrl(env, 'EDUCATION_URL'),
  env: platform.env,
});

export interface EducationConnection {
  port: EducationPort;
  simulator: EducationSimulator | null;
  close(): Promise<void>;
}

class UnconfiguredEducation implements EducationPort {
  readonly target = '未配置（EDUCATION_URL）';
  async record(): Promise<EducationAnswer> {
    return { outcome: 'unavailable', reason: '未配置部局现场教育接口（环境变量 EDUCATION_URL）' };
  }
}

/** URL → the HTTP client; none outside production → the simulator behind the same client; none in production → unavailable. */
export async function createEducationPort(config: EducationConfig): Promise<EducationConnection> {
  if (config.url) return { port: new HttpEducation(config.url), simulator: null, close: async () => {} };
  if (config.env === 'production') return { port: new UnconfiguredEducation(), simulator: null, close: async () => {} };
  const simulator = await startEducationSimulator();
  return { port: new HttpEducation(simulator.url), simulator, close: () => simulator.close() };
}
