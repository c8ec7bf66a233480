import { once } from 'node:events';
import type { PassThrough } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { defaultCpuThreads } from '../workers/cpu-pool.ts';

export type XlsxCell = string | number;

/** A worksheet as the worker writes it: headers and widths, then rows of cells computed on the request thread. */
export interface XlsxSheetRows {
  name: string;
  columns: readonly { header: string; width: number }[];
  rows: AsyncIterable<XlsxCell[]>;
}

/** Rows sent to the worker per message: large enough to amortise the copy, small enough to keep memory flat. */
const BATCH = 500;

type WorkerMessage = { type: 'chunk'; data: ArrayBuffer } | { type: 'ack' } | { type: 'done' } | { type: 'error'; message: string };

/** At most as many exports build their files at once as the CPU pool has threads; the others wait their turn. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

const slots = new Slots(defaultCpuThreads());

/**
 * Writes the sheets into `out` through a worker thread that builds the XML and the zip (ADR 0022: exports off the
 * request thread). Rows are read here (database, decryption) in batches; the next batch is read only when the worker
 * has written the last one and `out` is not backed up, so a slow download holds one batch, not the whole export. A
 * client that goes away (out destroyed) stops the reading and the worker.
 */
export async function writeXlsxOffThread(sheets: readonly XlsxSheetRows[], out: PassThrough): Promise<void> {
  const release = await slots.acquire();
  const worker = new Worker(new URL('./xlsx.worker.mjs', import.meta.url));
  let failed: Error | null = null;
  let settle: { resolve: () => void; reject: (err: Error) => void } | null = null;
  const next = () =>
    new Promise<void>((resolve, reject) => {
      if (failed) reject(failed);
      else settle = { resolve, reject };
    });
  const fail = (err: Error) => {
    failed ??= err;
    settle?.reject(failed);
    settle = null;
  };
  worker.on('message', (msg: WorkerMessage) => {
    if (msg.type === 'chunk') {
      if (!out.destroyed) out.write(Buffer.from(msg.data));
    } else if (msg.type === 'error') {
      fail(new Error(msg.message));
    } else {
      settle?.resolve();
      settle = null;
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`导出线程已退出（代码 ${code}）`)));
  const roomInOut = async () => {
    if (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  };
  const send = async (rows: XlsxCell[][]) => {
    const acked = next();
    worker.postMessage({ type: 'rows', rows });
    await acked;
    await roomInOut();
  };
  try {
    for (const sheet of sheets) {
      worker.postMessage({ type: 'sheet', name: sheet.name, columns: sheet.columns.map(({ header, width }) => ({ header, width })) });
      let batch: XlsxCell[][] = [];
      for await (const row of sheet.rows) {
        if (out.destroyed) return;
        batch.push(row);
        if (batch.length >= BATCH) {
          await send(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await send(batch);
      worker.postMessage({ type: 'endSheet' });
    }
    const done = next();
    worker.postMessage({ type: 'commit' });
    await done;
    out.end();
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
    release();
  }
}
