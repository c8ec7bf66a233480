/**
 * The image store a bench's real server writes to: its `fs` default under the server's DATA_DIR, or an S3-protocol
 * server (s3rver, the one the store's tests start: apps/server/test/platform/blob-store.test.ts) in a process of its
 * own, as MinIO or Ceph RGW runs beside the application, the server pointed at it with the store's environment
 * (BLOB_STORE=s3, S3_*: apps/server/src/platform/blobs/blob-config.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '@shtp/testkit/server';

export type BenchStoreKind = 'fs' | 's3';

export interface BenchObjectStore {
  kind: BenchStoreKind;
  label: string;
  /** For the server's environment. */
  env: Record<string, string>;
  /** Objects written (s3: files of the S3 server's directory; null for fs, whose directory the server removes). */
  objects(): number | null;
  stop(): Promise<void>;
}

const BUCKET = 'shtp-bench-images';
/** Runs s3rver on a free port and prints it (a child process: its work is not the bench client's). */
const S3_SERVER = `
const S3rver = require('s3rver');
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[1], configureBuckets: [{ name: '${BUCKET}', configs: [] }] })
  .run()
  .then(({ port }) => console.log(JSON.stringify({ port })), (err) => { console.error(err); process.exit(1); });
`;

export async function openBenchObjectStore(kind: string): Promise<BenchObjectStore> {
  if (kind === 'fs') return { kind, label: '本地目录（fs，DATA_DIR 下）', env: { BLOB_STORE: 'fs' }, objects: () => null, stop: async () => {} };
  if (kind !== 's3') throw new Error('BENCH_CAPTURE_STORE 须为 fs 或 s3');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shtp-bench-s3-'));
  const child: ChildProcess = spawn(process.execPath, ['-e', S3_SERVER, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`S3 协议服务器退出（${code}）`)));
  });
  return {
    kind,
    label: `S3 协议对象存储（s3rver，独立进程，127.0.0.1:${port}，桶 ${BUCKET}）`,
    env: {
      BLOB_STORE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: 'blobs/',
    },
    // s3rver keeps each object as its content file and a metadata file.
    objects: () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('._S3rver_object')).length,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
