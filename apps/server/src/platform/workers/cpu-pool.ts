import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CpuTaskInput, CpuTaskName, CpuTaskOutput } from './cpu-tasks.ts';

interface Pending {
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Threads by default: one fewer than the cores (the request thread keeps one), at least one, at most four. */
export function defaultCpuThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Worker threads for CPU-heavy background work (signing the demo population, later exports and re-encryption), so
 * that the event loop serving requests stays free (docs/adr/0022-background-work-off-the-request-thread.md). Threads
 * start on first use, are unref'd (they never keep the process alive) and are replaced after a crash; each task goes
 * to the thread with the fewest pending tasks.
 */
export class CpuPool {
  private threads: (Thread | null)[];
  private nextId = 1;

  constructor(readonly size = defaultCpuThreads()) {
    this.threads = Array.from({ length: size }, () => null);
  }

  run<K extends CpuTaskName>(task: K, input: CpuTaskInput<K>): Promise<CpuTaskOutput<K>> {
    const thread = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (output: unknown) => void, reject });
      thread.worker.postMessage({ id, task, input });
    });
  }

  async close(): Promise<void> {
    const threads = this.threads.filter((t): t is Thread => t !== null);
    this.threads = this.threads.map(() => null);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private leastBusy(): Thread {
    let best = 0;
    for (let i = 0; i < this.threads.length; i++) {
      const t = this.threads[i];
      if (!t) return this.start(i);
      if (t.pending.size < (this.threads[best]?.pending.size ?? 0)) best = i;
    }
    return this.threads[best] ?? this.start(best);
  }

  private start(slot: number): Thread {
    const worker = new Worker(new URL('./cpu.worker.mjs', import.meta.url));
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (msg: { id: number; output?: unknown; error?: string }) => {
      const p = thread.pending.get(msg.id);
      if (!p) return;
      thread.pending.delete(msg.id);
      if (msg.error === undefined) p.resolve(msg.output);
      else p.reject(new Error(msg.error));
    });
    const fail = (err: Error) => {
      if (this.threads[slot] === thread) this.threads[slot] = null;
      for (const p of thread.pending.values()) p.reject(err);
      thread.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`后台计算线程已退出（代码 ${code}）`)));
    this.threads[slot] = thread;
    return thread;
  }
}
