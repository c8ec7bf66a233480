import { integrationUrl } from '../json-post.ts';
import { HttpAlcoholUpload } from './alcohol-upload.client.ts';
import { formatProblems, UPLOAD_FORMATS, type UploadFormat } from './alcohol-upload.format.ts';
import type { AlcoholUploadAnswer, AlcoholUploadPort, AlcoholUploadRecord, FormatProblem } from './alcohol-upload.port.ts';
import { type AlcoholUploadSimulator, startAlcoholUploadSimulator } from './alcohol-upload.simulator.ts';

export const DEFAULT_ALCOHOL_UPLOAD_FORMAT = 'assumed-2026';

export interface AlcoholUploadConfig {
  /** ALCOHOL_UPLOAD_URL: the drink-driving data platform (through the gateway). */
  url: string | undefined;
  /** ALCOHOL_UPLOAD_FORMAT: the version of the upload format (UPLOAD_FORMATS). */
  format: UploadFormat;
  env: 'development' | 'production' | 'test';
}

export const alcoholUploadConfig = (env: NodeJS.ProcessEnv, platform: { env: AlcoholUploadConfig['env'] }): AlcoholUploadConfig => {
  const version = env.ALCOHOL_UPLOAD_FORMAT || DEFAULT_ALCOHOL_UPLOAD_FORMAT;
  const format = UPLOAD_FORMATS[version];
  if (!format) throw new Error(`配置错误（环境变量）：\n  ALCOHOL_UPLOAD_FORMAT: 未知的上传格式 ${version}（可选 ${Object.keys(UPLOAD_FORMATS).join('、')}）`);
  return { url: integrationUrl(env, 'ALCOHOL_UPLOAD_URL'), format, env: platform.env };
};

export interface AlcoholUploadConnection {
  port: AlcoholUploadPort;
  simulator: AlcoholUploadSimulator | null;
  close(): Promise<void>;
}

class UnconfiguredAlcoholUpload implements AlcoholUploadPort {
  readonly target = '未配置（ALCOHOL_UPLOAD_URL）';
  constructor(private readonly spec: UploadFormat) {}
  get format(): string {
    return this.spec.version;
  }
  check(record: AlcoholUploadRecord): FormatProblem[] {
    return formatProblems(this.spec, record);
  }
  async upload(): Promise<AlcoholUploadAnswer> {
    return { outcome: 'unavailable', reason: '未配置酒驾检测数据上传接口（环境变量 ALCOHOL_UPLOAD_URL）' };
  }
}

/** URL → the HTTP client; none outside production → the simulator (same format) behind the same client; none in production → unavailable. */
export async function createAlcoholUploadPort(config: AlcoholUploadConfig): Promise<AlcoholUploadConnection> {
  if (config.url) return { port: new HttpAlcoholUpload(config.url, config.format), simulator: null, close: async () => {} };
  if (config.env === 'production') return { port: new UnconfiguredAlcoholUpload(config.format), simulator: null, close: async () => {} };
  const simulator = await startAlcoholUploadSimulator(config.format);
  return { port: new HttpAlcoholUpload(simulator.url, config.format), simulator, close: () => simulator.close() };
}
