/**
 * Recognition bench: cold start, warm latency per image type (p50/p95), throughput, memory and the accuracy table on
 * the committed synthetic fixtures (apps/server/test/fixtures/recognition, documents/ for invoices, licences, import
 * certificates and residence permits).
 *
 *   npx tsx tools/bench/recognition.bench.ts [--rounds 2] [--concurrency 4] [--json]
 *
 * One engine per process (one worker thread, one intra-op thread), as in the server.
 */

import { DocumentRecognizer } from '@shtp/server/recognition/document-recognizer';
import { OcrEngine } from '@shtp/server/recognition/engine/ocr-engine';
import { Recognizer } from '@shtp/server/recognition/recognizer';
import {
  accuracy,
  type DocumentOutcome,
  evaluate,
  evaluateDocument,
  type ItemOutcome,
  loadDocumentTruth,
  loadTruth,
  type TruthItem,
} from '@shtp/server/test/recognition-eval';

const args = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const rounds = num('rounds', 2);
const concurrency = num('concurrency', 4);
const asJson = args.includes('--json');

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

function category(item: TruthItem): string {
  if (item.kind === 'plate') return `plate ${item.layout}`;
  if (item.kind === 'id-number') return 'ID-number strip';
  return item.kind === 'id-card-front' ? 'ID card front' : 'ID card back';
}

const DOCUMENT_CATEGORY = {
  'motor-invoice': 'invoice (机动车销售统一发票)',
  'digital-invoice': 'invoice (数电)',
  'business-licence': 'business licence',
  'tax-registration': 'tax registration (classify + read)',
  'uscc-certificate': 'USCC certificate (classify + read)',
  'import-certificate': 'import certificate',
  'residence-permit': 'residence permit (classify + read)',
} as const;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number) : 0;
};

async function main() {
  const items = loadTruth();
  const rssBefore = process.memoryUsage().rss;
  const engine = new OcrEngine({ threads: 1 });
  const recognizer = new Recognizer(engine);
  const documents = new DocumentRecognizer(engine);
  const documentItems = loadDocumentTruth().filter((i) => !i.tampered);

  const t0 = performance.now();
  await engine.warmUp();
  const coldStartMs = Math.round(performance.now() - t0);
  const rssWarm = process.memoryUsage().rss;
  // The first real request after warm-up (first inference allocates the runtime's buffers).
  const firstT = performance.now();
  await evaluate(recognizer, items.find((i) => i.kind === 'id-card-front') as TruthItem);
  const firstDocMs = Math.round(performance.now() - firstT);

  // Warm latency, sequential: one request at a time.
  const outcomes: ItemOutcome[] = [];
  const latency = new Map<string, { total: number[]; engine: number[] }>();
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const o = await evaluate(recognizer, item);
      if (r === 0) outcomes.push(o);
      const c = category(item);
      const l = latency.get(c) ?? { total: [], engine: [] };
      l.total.push(o.ms);
      l.engine.push(o.engineMs);
      latency.set(c, l);
    }
  }

  // Documents (invoices include the QR decode; the tax-bureau query is not part of the engine's latency).
  const documentOutcomes: DocumentOutcome[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of documentItems) {
      const o = await evaluateDocument(documents, item);
      if (r === 0) documentOutcomes.push(o);
      const c = DOCUMENT_CATEGORY[item.docType];
      const l = latency.get(c) ?? { total: [], engine: [] };
      l.total.push(o.ms);
      l.engine.push(o.engineMs);
      latency.set(c, l);
    }
  }

  // Throughput: all fixtures once with `concurrency` requests in flight (decoding overlaps the worker).
  const queue = [...items];
  const tp0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) await evaluate(recognizer, item);
    }),
  );
  const throughputWall = performance.now() - tp0;
  const rssAfter = process.memoryUsage().rss;
  clearInterval(sampler);
  await engine.close();

  const latencyRows = [...latency.entries()].map(([c, l]) => ({
    type: c,
    n: l.total.length,
    p50: Math.round(pct(l.total, 50)),
    p95: Math.round(pct(l.total, 95)),
    engineP50: Math.round(pct(l.engine, 50)),
  }));
  const fields = ['plate', 'type', 'idNumber', 'name', 'sex', 'ethnicity', 'birthDate', 'address', 'authority', 'validFrom', 'validTo'];
  const accuracyRows = fields.map((f) => {
    const all = accuracy(outcomes, f);
    const clean = accuracy(outcomes, f, (o) => o.item.variant === 'clean');
    const hard = accuracy(outcomes, f, (o) => o.item.variant === 'hard');
    return { field: f, all: `${all.ok}/${all.n}`, rate: `${(all.rate * 100).toFixed(1)} %`, clean: `${clean.ok}/${clean.n}`, hard: `${hard.ok}/${hard.n}` };
  });
  const documentFields = ['invoiceNumber', 'vin', 'totalAmount', 'netAmount', 'taxAmount', 'buyerId', 'sellerTaxId', 'uscc', 'certificateNo', 'idNumber'];
  const documentAccuracyRows = documentFields.map((f) => {
    const rel = documentOutcomes.filter((o) => f in o.fields);
    const ok = rel.filter((o) => o.fields[f]).length;
    const hard = rel.filter((o) => o.item.variant === 'hard');
    return {
      field: f,
      all: `${ok}/${rel.length}`,
      rate: `${((ok / Math.max(1, rel.length)) * 100).toFixed(1)} %`,
      hard: `${hard.filter((o) => o.fields[f]).length}/${hard.length}`,
    };
  });
  const report = {
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    coldStartMs,
    firstDocumentMs: firstDocMs,
    memoryMb: { beforeEngine: mb(rssBefore), afterWarmUp: mb(rssWarm), afterRun: mb(rssAfter), peak: mb(peakRss) },
    latencyMs: latencyRows,
    throughput: {
      concurrency,
      images: items.length,
      seconds: Math.round(throughputWall / 100) / 10,
      perSecond: Math.round((items.length / (throughputWall / 1000)) * 100) / 100,
    },
    accuracy: accuracyRows,
    documentAccuracy: documentAccuracyRows,
    documentMisses: documentOutcomes
      .filter((o) => Object.values(o.fields).some((x) => !x))
      .map((o) => ({ file: o.item.file, missed: Object.keys(o.fields).filter((k) => !o.fields[k]) })),
    misses: outcomes.filter((o) => Object.values(o.fields).some((x) => !x)).map((o) => ({ file: o.item.file, truth: o.item.truth, got: o.got })),
  };
  if (asJson) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  console.log(`\n图像识别 bench — ${report.machine.cpus} CPUs, Node ${report.machine.node}, one engine (worker thread, 1 intra-op thread)`);
  console.log(`cold start (worker + models): ${coldStartMs} ms; first document after warm-up: ${firstDocMs} ms`);
  console.log(`RSS: ${report.memoryMb.beforeEngine} MB before the engine, ${report.memoryMb.afterWarmUp} MB warm, ${report.memoryMb.peak} MB peak`);
  console.log(`\nwarm latency, end to end (decode + queue + OCR + parse), ${rounds} round(s):`);
  console.table(latencyRows);
  console.log(
    `throughput: ${report.throughput.images} images in ${report.throughput.seconds} s with ${concurrency} in flight = ${report.throughput.perSecond} images/s`,
  );
  console.log('\naccuracy on the committed synthetic fixtures (exact match):');
  console.table(accuracyRows);
  console.log('\naccuracy on the committed synthetic documents (exact match; invoices, licences, import certificates, residence permits):');
  console.table(documentAccuracyRows);
  if (report.misses.length) console.log('misses:', JSON.stringify(report.misses, null, 1));
  if (report.documentMisses.length) console.log('document misses:', JSON.stringify(report.documentMisses));
}

await main();
