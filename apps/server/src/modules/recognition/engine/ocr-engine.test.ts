import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../platform/http/errors.ts';
import { prepareImage } from './image-input.ts';
import { OcrEngine } from './ocr-engine.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/recognition');
const limits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 1600 };
const engine = new OcrEngine({ threads: 1 });
afterAll(() => engine.close());

const load = async (file: string) => (await prepareImage(readFileSync(path.join(fixtures, file)), limits)).image;
const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? (r.reason as AppError).code : 'ok');

describe('OCR engine (worker thread, bounded queue)', () => {
  it('starts lazily, reads a line and a document, and keeps the event loop free', async () => {
    expect(engine.stats().state).toBe('stopped');
    const card = await load('id-cards/front-001.jpg');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const out = await engine.recognize({ mode: 'document', image: card, charsets: { id: '0123456789X' } }, { timeoutMs: 60_000, maxQueue: 4 });
    clearInterval(timer);
    expect(engine.stats()).toMatchObject({ state: 'ready', processed: 1 });
    expect(engine.stats().coldStartMs).toBeGreaterThan(0);
    expect(out.lines.some((l) => /^\d{17}[\dX]$/.test(l.alt.id?.text ?? ''))).toBe(true);
    // The models loaded and the card was read while timers kept firing on the main thread.
    expect(ticks).toBeGreaterThan(20);
  });

  it('refuses at once with 503 when the queue is full, and serves the rest', async () => {
    const card = await load('id-cards/front-002.jpg');
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => engine.recognize({ mode: 'document', image: card }, { timeoutMs: 60_000, maxQueue: 1 })),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(2); // one being read, one waiting
    expect(codes.filter((c) => c === 'RECOGNITION_BUSY')).toHaveLength(3);
    const busy = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(busy.reason).toMatchObject({ status: 503, message: '识别服务繁忙（排队已满），请稍后重试' });
  });

  it('times out a request with 503 and stays usable', async () => {
    const card = await load('id-cards/front-003.jpg');
    const slow = await Promise.allSettled([engine.recognize({ mode: 'document', image: card }, { timeoutMs: 1, maxQueue: 4 })]);
    expect(codeOf(slow[0]!)).toBe('RECOGNITION_TIMEOUT');
    const plate = await load('plates/001.jpg');
    const out = await engine.recognize({ mode: 'line', image: plate }, { timeoutMs: 30_000, maxQueue: 4 });
    expect(out.lines[0]?.text).toContain('·');
    expect(engine.stats().timedOut).toBe(1);
  });

  it('restarts after close', async () => {
    await engine.close();
    expect(engine.stats().state).toBe('stopped');
    const plate = await load('plates/001.jpg');
    const out = await engine.recognize({ mode: 'line', image: plate }, { timeoutMs: 30_000, maxQueue: 4 });
    expect(out.lines).toHaveLength(1);
  });
});
