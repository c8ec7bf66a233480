import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BackupError } from './backup-archive.ts';

/*
 * pg_dump / pg_restore for BR-1 on PostgreSQL: PG_BIN_DIR when set, else the highest version installed the Debian way
 * (/usr/lib/postgresql/<version>/bin, the way tools/scripts/pg-cluster.mjs finds initdb), else the PATH. A newer
 * pg_dump reads an older server, so the highest version is the right default.
 */

type Tool = 'pg_dump' | 'pg_restore';

const DEBIAN_BASE = '/usr/lib/postgresql';

export function postgresTool(tool: Tool, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN_DIR) return path.join(env.PG_BIN_DIR, tool);
  const versions = existsSync(DEBIAN_BASE)
    ? readdirSync(DEBIAN_BASE)
        .filter((v) => existsSync(path.join(DEBIAN_BASE, v, 'bin', tool)))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  return versions[0] ? path.join(DEBIAN_BASE, versions[0], 'bin', tool) : tool;
}

/** The URL without its password (which goes to PGPASSWORD instead: command lines are visible to every local user). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function run(tool: Tool, args: string[], url: string) {
  const { dbname, env } = connection(url);
  const file = postgresTool(tool);
  const child = spawn(file, [...args, `--dbname=${dbname}`], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', (e) =>
      reject(new BackupError(`无法运行 ${file}（${e.message}）：请安装 PostgreSQL 客户端（apt-get install postgresql-client）或设置 PG_BIN_DIR`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} 失败（退出码 ${code ?? signal}）：${stderr.trim() || '无输出'}`));
    });
  });
  return { child, exited };
}

/** `pg_dump --format=custom` of the whole database, as a stream; throws at the end if pg_dump failed. */
export async function* pgDump(url: string): AsyncIterable<Buffer> {
  const { child, exited } = run('pg_dump', ['--format=custom', '--no-password'], url);
  child.stdin.end();
  exited.catch(() => {}); // awaited below; do not let an early failure go unhandled meanwhile
  let finished = false;
  try {
    yield* child.stdout as AsyncIterable<Buffer>;
    await exited;
    finished = true;
  } finally {
    if (!finished) child.kill(); // the archive could not be written: stop dumping
  }
}

/**
 * `pg_restore` in one transaction (all or nothing). Owners are not restored (the restoring role owns the objects);
 * privileges are, so the roles named in the grants must exist (docs/operations/backup.md).
 */
export async function pgRestore(url: string, dump: AsyncIterable<Buffer>, opts: { clean: boolean }): Promise<void> {
  const args = ['--no-owner', '--single-transaction', '--exit-on-error', '--no-password', ...(opts.clean ? ['--clean', '--if-exists'] : [])];
  const { child, exited } = run('pg_restore', args, url);
  exited.catch(() => {});
  try {
    await pipeline(dump, child.stdin);
  } catch (e) {
    // pg_restore may stop reading when it fails: its own message says more than the broken pipe.
    await exited;
    throw e;
  }
  await exited;
}
