import { parentPort } from 'node:worker_threads';
import { extractFeatures, type RecaptureImage } from './features.ts';

/** Feature extraction off the event loop: one message in (the decoded image), one out (features or an error). */
parentPort?.on('message', (msg: { id: number; image: RecaptureImage }) => {
  try {
    const t = performance.now();
    const features = extractFeatures(msg.image);
    parentPort?.postMessage({ id: msg.id, features, ms: performance.now() - t });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
