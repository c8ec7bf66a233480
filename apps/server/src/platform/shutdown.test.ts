import { describe, expect, it } from 'vitest';
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
