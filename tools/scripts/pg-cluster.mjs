// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's binaries, initdb in a temporary folder, started
// on a free loopback port with durability off (fsync, synchronous_commit, full_page_writes), removed on stop().
// Used by `npm test` (tools/scripts/test.mjs, the pg stage) and the e-bike bench (tools/bench/ebike.bench.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** PostgreSQL cannot be started here (not installed, or no postgres user to own a cluster when run as root). */
export class PostgresUnavailable extends Error {}

/** The bin folder of the highest PostgreSQL version installed the Debian way, or null. */
export function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin/initdb')) && existsSync(path.join(base, v, 'bin/pg_ctl')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a short helper command and returns its output; throws with the output on failure. */
function runQuiet(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${path.basename(command)} ${args.join(' ')} 失败（${result.status ?? result.signal}）\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/**
 * Creates and starts a cluster; resolves with its superuser URL and stop(), which stops the server and removes the
 * folder (safe to call twice). `settings` are extra server parameters (`-c name=value`). Throws PostgresUnavailable
 * when PostgreSQL is missing; on any other failure the folder is removed before the error is thrown.
 * @param {{ log?: (message: string) => void, warn?: (message: string) => void, settings?: Record<string, string | number> }} [options]
 */
export async function startThrowawayPostgres({ log = console.log, warn = console.error, settings = {} } = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new PostgresUnavailable('未找到 PostgreSQL（/usr/lib/postgresql/*/bin）；安装：apt-get install postgresql');
  const isRoot = process.getuid?.() === 0;
  // initdb refuses to run as root: the cluster then belongs to the postgres user.
  const asOwner = (command, args) => (isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);
  if (isRoot && spawnSync('id', ['-u', 'postgres']).status !== 0)
    throw new PostgresUnavailable('以 root 运行但系统没有 postgres 用户（由 postgresql 软件包创建）');

  const dir = mkdtempSync(path.join(os.tmpdir(), 'shtp-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  let started = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (started) {
      try {
        runQuiet(...asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']));
        log('PostgreSQL 已停止');
      } catch (err) {
        // Already down (a Ctrl-C also reaches the postmaster) or never came up.
        if (existsSync(path.join(data, 'postmaster.pid'))) warn(`停止 PostgreSQL 失败：${err.message}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (isRoot) runQuiet('chown', ['postgres:postgres', dir]);
    log(`${bin}：initdb ${data}`);
    runQuiet(...asOwner(path.join(bin, 'initdb'), ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']));
    const port = await freePort();
    const extra = Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off${extra.join('')}`;
    started = true;
    try {
      runQuiet(...asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', logFile, '-w', '-t', '60', 'start']));
    } catch (err) {
      if (existsSync(logFile)) warn(readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n'));
      throw err;
    }
    log(`PostgreSQL 已在 127.0.0.1:${port} 启动`);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, bin, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
