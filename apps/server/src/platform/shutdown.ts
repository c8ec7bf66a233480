import { messageWithoutParams } from './db/query-error.ts';

export interface ShutdownOptions {
  /** How long `close` may take (SHUTDOWN_TIMEOUT_MS). */
  timeoutMs: number;
  log: (message: string) => void;
  exit: (code: number) => void;
}

/**
 * Stops the process on a signal: `close` stops taking requests, waits for those in flight and for the job
 * handlers, and closes the database. Past the deadline (a client that never finishes its request, a handler that
 * ignores its abort signal) the process exits anyway, with code 1 and a log line; so does a failure while closing.
 */
export async function shutdownWithin(close: () => Promise<void>, opts: ShutdownOptions): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), opts.timeoutMs);
  });
  try {
    const outcome = await Promise.race([close().then(() => 'closed' as const), deadline]);
    if (outcome === 'late') {
      opts.log(`服务未能在 ${opts.timeoutMs} 毫秒内停止（SHUTDOWN_TIMEOUT_MS），强制退出`);
      opts.exit(1);
      return;
    }
    opts.exit(0);
  } catch (err) {
    opts.log(`服务停止时出错，强制退出：${messageWithoutParams(err)}`);
    opts.exit(1);
  } finally {
    clearTimeout(timer);
  }
}
