import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** The real server in a child process (embedded database): a stop that cannot finish ends at SHUTDOWN_TIMEOUT_MS. */
const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'shutdown-'));
let child: ChildProcess | undefined;
let client: net.Socket | undefined;
afterAll(() => {
  client?.destroy();
  if (child?.exitCode === null) child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('graceful shutdown of the server process', () => {
  it('exits 1 with a log line once SHUTDOWN_TIMEOUT_MS passes while a request never finishes', async () => {
    const port = await freePort();
    const { DATABASE_URL: _db, TEST_DATABASE_URL: _test, ...env } = process.env;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: SERVER_DIR,
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: path.join(tmp, 'data'),
        MASTER_KEY: randomBytes(16).toString('hex'),
        DEMO_EBIKES: '0',
        DEMO_TEMP_PLATES: '0',
        RELEASE_CHECK: 'off',
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    // A first start (tsx, migrations, demo seed) takes seconds idle and minutes on a loaded machine.
    await expect.poll(() => output, { timeout: 300_000, interval: 250 }).toMatch(/已启动/);

    // A client that sends its headers and never the body: closing waits for it.
    client = net.connect(port, '127.0.0.1');
    client.on('error', () => {});
    client.write('POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toMatch(/"url":"\/api\/auth\/login"[^\n]*incoming request/);

    const stopAt = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(Date.now() - stopAt).toBeGreaterThanOrEqual(1000);
    expect(output).toMatch(/服务未能在 1000 毫秒内停止（SHUTDOWN_TIMEOUT_MS），强制退出/);
  }, 420_000);
});
