import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../config/config.ts';

const Env = z.object({
  BLOB_STORE: z.enum(['fs', 's3'], { error: 'BLOB_STORE 须为 fs（本地目录）或 s3（S3 兼容对象存储）' }).default('fs'),
  BLOB_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.url({ error: 'S3_ENDPOINT 须为 URL，如 http://minio.internal:9000' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(3, 'S3_BUCKET 须为 3–63 个字符的桶名').max(63, 'S3_BUCKET 须为 3–63 个字符的桶名').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  S3_PREFIX: z.string().default('blobs/'),
});

export interface S3Settings {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** MinIO and Ceph RGW are usually addressed by path (http://host/bucket/key). */
  forcePathStyle: boolean;
  prefix: string;
}

export type BlobStoreConfig = { backend: 'fs'; dir: string } | { backend: 's3'; s3: S3Settings };

/** Where the image store keeps its objects, from the environment (README, table of variables). */
export function blobStoreConfig(env: NodeJS.ProcessEnv, dataDir: string): BlobStoreConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`配置错误（环境变量）：\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  if (e.BLOB_STORE === 'fs') return { backend: 'fs', dir: path.resolve(e.BLOB_DIR ?? path.join(dataDir, 'blobs')) };
  const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k]);
  if (missing.length > 0) throw new ConfigError(`配置错误（环境变量）：\n  ${missing.join('、')}: BLOB_STORE=s3 时必须设置`);
  return {
    backend: 's3',
    s3: {
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET!,
      accessKeyId: e.S3_ACCESS_KEY_ID!,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
      prefix: e.S3_PREFIX,
    },
  };
}
