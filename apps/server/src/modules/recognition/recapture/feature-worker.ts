import { Worker } from 'node:worker_threads';
import { AppError } from '../../../platform/http/errors.ts';
import type { FeatureVector, RecaptureImage } from './features.ts';

interface Pending {
  resolve: (r: { features: FeatureVector; ms: number }) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One worker thread for the recapture features (≈ 40–100 ms of numeric loops per image: too long for the event loop).
 * Started on first use, restarted after a crash, unref'd so that it never keeps the process alive. The worker is
 * TypeScript, started through a plain-JS entry that registers the tsx loader (as the server runs: `tsx src/main.ts`).
 */
export class FeatureWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly timeoutMs = 10_000) {}

  extract(image: RecaptureImage): Promise<{ features: FeatureVector; ms: number }> {
    const w = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AppError(503, 'RECOGNITION_TIMEOUT', '翻拍检测超时，请稍后重试'));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      // Fresh copies are moved, not cloned again (sharp's buffers are external memory and may not be transferable).
      const rgb = new Uint8Array(image.rgb);
      const grey = new Float32Array(image.native.grey);
      w.postMessage({ id, image: { ...image, rgb, native: { ...image.native, grey } } }, [rgb.buffer, grey.buffer]);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./features.worker.mjs', import.meta.url));
    w.unref();
    w.on('message', (msg: { id: number; features?: FeatureVector; ms?: number; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.features) p.resolve({ features: msg.features, ms: msg.ms ?? 0 });
      else p.reject(new Error(msg.error ?? 'feature worker failed'));
    });
    const fail = (err: Error) => {
      if (this.worker === w) this.worker = null;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new AppError(503, 'RECOGNITION_UNAVAILABLE', `翻拍检测服务不可用：${err.message}`));
        this.pending.delete(id);
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    this.worker = w;
    return w;
  }
}
