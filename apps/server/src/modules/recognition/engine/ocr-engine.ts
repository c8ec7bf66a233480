import { Worker } from 'node:worker_threads';
import { AppError } from '../../../platform/http/errors.ts';
import type { OcrLine, OcrMode, RgbImage } from './types.ts';

export interface OcrRequest {
  mode: OcrMode;
  image: RgbImage;
  /** Extra CTC decodes restricted to these alphabets (by name), e.g. { plate: '沪京…ABC…0123…' }. */
  charsets?: Record<string, string>;
  /** Also read every line stretched horizontally by these factors (condensed plate characters). */
  stretches?: number[];
}

export interface OcrRunOptions {
  /** From enqueue to answer; a job still queued then is dropped, one being read is abandoned. */
  timeoutMs: number;
  /** Jobs waiting behind the one being read; beyond it the request is refused at once with 503. */
  maxQueue: number;
}

export interface OcrOutput {
  lines: OcrLine[];
  /** Time in the worker. */
  ms: number;
  /** Time waiting in the queue (and for a cold start). */
  waitedMs: number;
}

export interface OcrEngineStats {
  state: 'stopped' | 'starting' | 'ready';
  queued: number;
  busy: boolean;
  /** Wall time of the last start, from `new Worker` to the models loaded. */
  coldStartMs: number | null;
  processed: number;
  failed: number;
  timedOut: number;
  refused: number;
  restarts: number;
}

interface Pending {
  id: number;
  request: OcrRequest;
  enqueuedAt: number;
  deadline: NodeJS.Timeout;
  resolve(out: OcrOutput): void;
  reject(err: Error): void;
  settled: boolean;
}

export const busy = () => new AppError(503, 'RECOGNITION_BUSY', '识别服务繁忙（排队已满），请稍后重试');
export const timedOut = (seconds: number) => new AppError(503, 'RECOGNITION_TIMEOUT', `识别超时（超过 ${seconds} 秒），请稍后重试`);
export const unavailable = () => new AppError(503, 'RECOGNITION_UNAVAILABLE', '识别引擎暂不可用，请稍后重试');

/** A job running this long is taken as stuck: the worker is terminated and started again on the next job. */
const WATCHDOG_MS = 120_000;

/**
 * One warm OCR engine in a worker thread, with a bounded FIFO queue in front of it. The event loop only posts
 * messages; the models load lazily on the first job (or on `warmUp`), and a crashed or stuck worker is replaced on
 * the next job.
 */
export class OcrEngine {
  private worker: Worker | null = null;
  private starting: Promise<Worker> | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private currentStarted = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private nextId = 1;
  private readonly counters = { processed: 0, failed: 0, timedOut: 0, refused: 0, restarts: 0 };
  private coldStartMs: number | null = null;

  constructor(private readonly options: { threads: number } = { threads: 1 }) {}

  stats(): OcrEngineStats {
    return {
      state: this.worker ? 'ready' : this.starting ? 'starting' : 'stopped',
      queued: this.queue.length,
      busy: this.current !== null,
      coldStartMs: this.coldStartMs,
      ...this.counters,
    };
  }

  /** Starts the worker and loads the models now rather than on the first request. */
  async warmUp(): Promise<number> {
    await this.ensureWorker();
    return this.coldStartMs ?? 0;
  }

  recognize(request: OcrRequest, opts: OcrRunOptions): Promise<OcrOutput> {
    if (this.queue.length >= opts.maxQueue) {
      this.counters.refused++;
      return Promise.reject(busy());
    }
    return new Promise<OcrOutput>((resolve, reject) => {
      const pending: Pending = {
        id: this.nextId++,
        request,
        enqueuedAt: performance.now(),
        settled: false,
        resolve,
        reject,
        deadline: setTimeout(() => {
          this.counters.timedOut++;
          const i = this.queue.indexOf(pending);
          if (i >= 0) this.queue.splice(i, 1);
          this.settle(pending, timedOut(Math.round(opts.timeoutMs / 1000)));
        }, opts.timeoutMs),
      };
      this.queue.push(pending);
      this.pump();
    });
  }

  /** Terminates the worker; queued jobs fail with 503. The next job starts a new worker. */
  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) this.settle(p, unavailable());
    if (this.current) this.settle(this.current, unavailable());
    this.current = null;
    this.clearWatchdog();
    const w = this.worker ?? (this.starting ? await this.starting.catch(() => null) : null);
    this.worker = null;
    this.starting = null;
    if (w) {
      w.removeAllListeners();
      await w.terminate();
    }
  }

  private settle(p: Pending, result: OcrOutput | Error): void {
    if (p.settled) return;
    p.settled = true;
    clearTimeout(p.deadline);
    if (result instanceof Error) p.reject(result);
    else p.resolve(result);
  }

  private ensureWorker(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    if (this.starting) return this.starting;
    const t0 = performance.now();
    this.starting = new Promise<Worker>((resolve, reject) => {
      const w = new Worker(new URL('./ocr.worker.mjs', import.meta.url), { workerData: { threads: this.options.threads } });
      const onEarlyExit = (code: number) => reject(new Error(`OCR worker exited during start (code ${code})`));
      w.once('error', reject);
      w.once('exit', onEarlyExit);
      w.on('message', (msg: WorkerMessage) => {
        if (msg.type === 'ready') {
          w.off('error', reject);
          w.off('exit', onEarlyExit);
          w.on('error', (err) => this.onWorkerDeath(w, err));
          w.on('exit', (code) => this.onWorkerDeath(w, new Error(`OCR worker exited (code ${code})`)));
          this.coldStartMs = Math.round(performance.now() - t0);
          this.worker = w;
          this.starting = null;
          resolve(w);
        } else this.onMessage(msg);
      });
    });
    this.starting.catch(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private onWorkerDeath(w: Worker, err: Error): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.counters.restarts++;
    this.clearWatchdog();
    if (this.current) {
      this.counters.failed++;
      this.settle(this.current, unavailable());
      this.current = null;
    }
    void err;
    this.pump();
  }

  private onMessage(msg: WorkerMessage): void {
    const p = this.current;
    if (!p || msg.type === 'ready' || msg.id !== p.id) return;
    this.current = null;
    this.clearWatchdog();
    if (msg.type === 'result') {
      this.counters.processed++;
      this.settle(p, { lines: msg.lines, ms: msg.ms, waitedMs: Math.round(this.currentStarted - p.enqueuedAt) });
    } else {
      this.counters.failed++;
      this.settle(p, unavailable());
    }
    this.pump();
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    if (!this.worker) {
      this.ensureWorker().then(
        () => this.pump(),
        () => {
          this.counters.failed += this.queue.length;
          for (const p of this.queue.splice(0)) this.settle(p, unavailable());
        },
      );
      return;
    }
    const p = this.queue.shift();
    if (!p) return;
    if (p.settled) {
      this.pump();
      return;
    }
    this.current = p;
    this.currentStarted = performance.now();
    const { data, width, height } = p.request.image;
    // A private copy, transferred to the worker (a sharp Buffer may share its ArrayBuffer).
    const copy = new Uint8Array(data.byteLength);
    copy.set(data);
    const w = this.worker;
    w.postMessage(
      {
        type: 'job',
        id: p.id,
        mode: p.request.mode,
        image: { data: copy.buffer, width, height },
        charsets: p.request.charsets ?? {},
        stretches: p.request.stretches ?? [],
      },
      [copy.buffer],
    );
    this.watchdog = setTimeout(() => {
      // Stuck: replace the worker. onWorkerDeath fails the current job and pumps the queue.
      void w.terminate();
    }, WATCHDOG_MS);
    this.watchdog.unref();
  }
}

type WorkerMessage =
  | { type: 'ready'; loadMs: number }
  | { type: 'result'; id: number; lines: OcrLine[]; ms: number }
  | { type: 'error'; id: number; message: string };

let shared: OcrEngine | null = null;

/** The process's one OCR engine (models are ~500 MB resident: never more than one per process). */
export function sharedOcrEngine(): OcrEngine {
  shared ??= new OcrEngine({ threads: 1 });
  return shared;
}
