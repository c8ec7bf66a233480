import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the server is started from its source (apps/server/src/main.ts) and serves apps/web/dist. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface DemoAccount {
  username: string;
  password: string;
  roles: string[];
}

export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  /** The server process, for its memory figures. */
  pid: number | undefined;
  accounts: DemoAccount[];
  /** The last lines the server printed, for failure messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export interface ServerOptions {
  /** A PostgreSQL database instead of the embedded one (the benchmarks); it gets the migrations and the demo seed. */
  databaseUrl?: string;
  /** More environment, e.g. DEMO_EBIKES. */
  env?: Record<string, string>;
  /** Whether the console (apps/web/dist) must be there; the API benchmarks do without. */
  console?: boolean;
  /** Extra Node options for the server process, e.g. `--cpu-prof` for a bench's profile. */
  nodeArgs?: string[];
}

/**
 * The real server (apps/server/src/main.ts through tsx) on a free port with an empty DATA_DIR (embedded PGlite unless
 * told), so that it seeds the demo accounts; NODE_ENV=development because production skips the demo seed.
 * Requires apps/web/dist (built by `npm test` before this stage).
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (options.console !== false && !existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('apps/web/dist 不存在：先运行 npm run build --workspace apps/web');
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'shtp-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, 'server.log');
  const log = createWriteStream(logFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    MASTER_KEY: randomBytes(16).toString('hex'),
    // The stories need the accounts and plate pools, not a 200 000-bike population filling the database meanwhile.
    DEMO_EBIKES: process.env.DEMO_EBIKES ?? '0',
    // Nor the simulated temporary-plate year (its intake keeps the embedded database busy); the temp-plate story asks for it.
    DEMO_TEMP_PLATES: process.env.DEMO_TEMP_PLATES ?? '0',
    // Any free port: the default PORT+10 may be taken on a busy machine (another story's server, an outgoing socket).
    LIUHEYI_SIM_PORT: '0',
    ...options.env,
  };
  // The embedded database of the temp DATA_DIR, whatever the caller's environment says, unless a database is given.
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, 'apps/server/src/main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  const logTail = (lines = 40) => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n') : '');
  const stop = async () => {
    if (!exited(child)) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // Under load the first start (tsx, migrations, demo seed) takes well over a minute.
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (exited(child)) throw new Error(`服务器启动失败（退出码 ${child.exitCode ?? child.signalCode}）`);
      try {
        const res = await fetch(`${baseUrl}/api/health`);
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('等待 /api/health 超时');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const accounts = JSON.parse(readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
    return { baseUrl, dataDir, pid: child.pid, accounts, logTail, stop };
  } catch (err) {
    const tail = logTail();
    await stop();
    throw new Error(`${(err as Error).message}\n${tail}`);
  }
}
