import { type FSWatcher, mkdirSync, watch } from 'node:fs';

export interface GapWatcher {
  close(): void;
}

/**
 * Runs `scan` soon after a completion marker appears in the gap's inbound folder, once the package is old enough
 * (`delayMs`, the minimum age plus a margin); markers arriving meanwhile share the pending run. Where the folder cannot
 * be watched (some network shares), it returns a watcher that does nothing: the minute job is the fallback either way.
 */
export function watchGapFolder(dir: string, delayMs: () => Promise<number>, scan: () => Promise<unknown>, onError: (err: unknown) => void): GapWatcher {
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const schedule = async () => {
    if (timer || closed) return;
    const wait = await delayMs();
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      scan().catch(onError);
    }, wait);
    timer.unref();
  };
  let watcher: FSWatcher;
  try {
    mkdirSync(dir, { recursive: true });
    watcher = watch(dir, (_event, name) => {
      if (typeof name === 'string' && name.endsWith('.done')) schedule().catch(onError);
    });
    watcher.on('error', onError);
  } catch (err) {
    onError(err);
    return { close: () => {} };
  }
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
