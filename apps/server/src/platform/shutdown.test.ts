import { once } from 'node:events';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { bufferedLogDestination, LOG_BUFFER_BYTES } from './http/log-destination.ts';
import { shutdownWithin } from './shutdown.ts';

function recorder() {
  const logs: string[] = [];
  const exits: number[] = [];
  return { logs, exits, opts: (timeoutMs: number) => ({ timeoutMs, log: (m: string) => void logs.push(m), exit: (c: number) => void exits.push(c) }) };
}

describe('graceful shutdown', () => {
  it('exits 0 once everything closed within the deadline', async () => {
    const r = recorder();
    let closed = false;
    await shutdownWithin(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      closed = true;
    }, r.opts(60_000));
    expect(closed).toBe(true);
    expect(r.exits).toEqual([0]);
    expect(r.logs).toEqual([]);
  });

  it('exits 1 with a log line when closing takes longer than the deadline', async () => {
    const r = recorder();
    const started = Date.now();
    await shutdownWithin(() => new Promise<void>(() => {}), r.opts(200));
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(r.exits).toEqual([1]);
    expect(r.logs).toEqual(['服务未能在 200 毫秒内停止（SHUTDOWN_TIMEOUT_MS），强制退出']);
  });

  it('exits 1 with a log line when closing fails', async () => {
    const r = recorder();
    await shutdownWithin(() => Promise.reject(new Error('database gone')), r.opts(60_000));
    expect(r.exits).toEqual([1]);
    expect(r.logs).toEqual(['服务停止时出错，强制退出：database gone']);
  });
});

describe('the buffered server log (N1): no syscall per line, nothing lost on shutdown', () => {
  it('writes the two lines of many requests in a few writes; everything on exit and after a fatal line', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shtp-log-'));
    const file = path.join(dir, 'server.log');
    const exitHooks = process.listeners('exit');
    // No periodic flush during the test: what stays in the buffer is what only the exit hook writes out.
    const log = bufferedLogDestination({ fd: openSync(file, 'a'), flushMs: 3_600_000 });
    const [flushOnExit, ...others] = process.listeners('exit').filter((l) => !exitHooks.includes(l));
    expect(others).toEqual([]);
    let writes = 0;
    log.destination.on('write', () => writes++);
    const logger = pino({ level: 'info' }, log.destination);
    const requests = 100;
    for (let i = 0; i < requests; i++) {
      logger.info({ reqId: `r${i}`, req: { method: 'GET', url: '/api/ebike/vehicles/1' } }, 'incoming request');
      logger.info({ reqId: `r${i}`, res: { statusCode: 200 }, responseTime: 1.5 }, 'request completed');
    }
    const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const written = readFileSync(file).length;
    // Each write carries at least a full buffer: far fewer writes than requests (Fastify's default: one per line).
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(Math.floor(written / LOG_BUFFER_BYTES));
    expect(lines().length).toBeLessThan(2 * requests);

    flushOnExit!(0); // what process.exit runs after a normal shutdown (shutdownWithin → exit(0))
    expect(lines()).toHaveLength(2 * requests);
    expect(lines().at(-1)).toContain('"reqId":"r99"');

    logger.info('buffered');
    logger.fatal('fatal'); // pino writes the buffer out after every fatal line
    expect(
      lines()
        .slice(-2)
        .map((l) => JSON.parse(l).msg),
    ).toEqual(['buffered', 'fatal']);

    const closed = once(log.destination, 'close');
    log.close();
    await closed;
    expect(process.listeners('exit')).toEqual(exitHooks);
    rmSync(dir, { recursive: true, force: true });
  });
});
