// @ts-check
/**
 * The OCR worker thread: one warm PP-OCRv4 pipeline, one job at a time (the engine keeps the queue). Messages:
 * in  { type: 'job', id, mode: 'document' | 'line' | 'document+line', image: { data, width, height }, charsets, stretches }
 * out { type: 'ready', loadMs } once, then { type: 'result', id, lines, ms } or { type: 'error', id, message }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { OcrPipeline } from './ocr-pipeline.mjs';

const port = parentPort;
if (!port) throw new Error('ocr.worker.mjs must run in a worker thread');

const started = performance.now();
const pipeline = await OcrPipeline.create({ threads: workerData?.threads ?? 1 });
port.postMessage({ type: 'ready', loadMs: Math.round(performance.now() - started) });

port.on('message', async (msg) => {
  if (msg?.type !== 'job') return;
  const t0 = performance.now();
  try {
    const image = { data: new Uint8Array(msg.image.data), width: msg.image.width, height: msg.image.height };
    const stretches = Array.isArray(msg.stretches) ? msg.stretches : [];
    const lines = msg.mode === 'line' ? [] : await pipeline.document(image, msg.charsets, stretches);
    if (msg.mode !== 'document') for (const l of await pipeline.line(image, msg.charsets, stretches)) lines.push({ ...l, whole: true });
    port.postMessage({ type: 'result', id: msg.id, lines, ms: Math.round(performance.now() - t0) });
  } catch (err) {
    port.postMessage({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
});
