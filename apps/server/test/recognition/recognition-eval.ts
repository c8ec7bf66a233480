import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentRecognizer } from '../../src/modules/recognition/document-recognizer.ts';
import type { RecognizeOptions, Recognizer } from '../../src/modules/recognition/recognizer.ts';

/** The committed synthetic set (tools/recognition-fixtures), shared by the accuracy test and the bench. */
export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/recognition');

export interface TruthItem {
  file: string;
  kind: 'plate' | 'id-number' | 'id-card-front' | 'id-card-back';
  variant: 'clean' | 'hard';
  layout: string;
  degradations: string[];
  truth: Record<string, string>;
}

export function loadTruth(dir = FIXTURE_DIR): TruthItem[] {
  return (JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as { items: TruthItem[] }).items;
}

export interface ItemOutcome {
  item: TruthItem;
  /** Field name → whether it matched the truth exactly. */
  fields: Record<string, boolean>;
  got: Record<string, string | null>;
  ms: number;
  engineMs: number;
}

export const DEFAULT_OPTIONS: RecognizeOptions = {
  limits: { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 1600 },
  run: { timeoutMs: 60_000, maxQueue: 1000 },
};

export const EBIKE = [/^沪[A-Z][A-Z0-9]{6}$/];

/** Runs one fixture through the recogniser and compares field by field with its truth. */
export async function evaluate(recognizer: Recognizer, item: TruthItem, dir = FIXTURE_DIR, opts = DEFAULT_OPTIONS): Promise<ItemOutcome> {
  const buf = readFileSync(path.join(dir, item.file));
  const t0 = performance.now();
  const got: Record<string, string | null> = {};
  let engineMs = 0;
  if (item.kind === 'plate') {
    const r = await recognizer.plate(buf, { ...opts, ebikePatterns: EBIKE });
    got.plate = r.plate;
    got.type = r.type;
    engineMs = r.engine.ms;
  } else if (item.kind === 'id-number') {
    const r = await recognizer.idNumber(buf, opts);
    got.idNumber = r.idNumber.value;
    engineMs = r.engine.ms;
  } else {
    const r = await recognizer.idCard(buf, opts);
    engineMs = r.engine.ms;
    if (r.front) for (const [k, f] of Object.entries(r.front)) got[k] = f.value;
    if (r.back) for (const [k, f] of Object.entries(r.back)) got[k] = f.value;
  }
  const ms = performance.now() - t0;
  const fields = Object.fromEntries(Object.entries(item.truth).map(([k, v]) => [k, got[k] === v]));
  return { item, fields, got, ms, engineMs };
}

/** Share of items whose `field` matched, over the items that have it. */
export function accuracy(outcomes: ItemOutcome[], field: string, filter: (o: ItemOutcome) => boolean = () => true): { n: number; ok: number; rate: number } {
  const rel = outcomes.filter((o) => field in o.fields && filter(o));
  const ok = rel.filter((o) => o.fields[field]).length;
  return { n: rel.length, ok, rate: rel.length ? ok / rel.length : 1 };
}

// ——— Phase 2: invoices, licences, import certificates, residence permits (fixtures/recognition/documents) ———

export const DOCUMENT_DIR = path.join(FIXTURE_DIR, 'documents');

export interface DocumentTruthItem {
  file: string;
  docType: 'motor-invoice' | 'digital-invoice' | 'business-licence' | 'import-certificate' | 'residence-permit' | 'tax-registration' | 'uscc-certificate';
  variant: 'clean' | 'hard';
  degradations: string[];
  tampered?: 'total' | 'net-and-total';
  verifyStatus?: '正常' | '作废' | '红冲' | '不存在';
  truth: Record<string, string>;
}

export function loadDocumentTruth(dir = DOCUMENT_DIR): DocumentTruthItem[] {
  return (JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as { items: DocumentTruthItem[] }).items;
}

/** Free-text fields are compared without spaces and with full-width brackets folded (OCR drops and folds both). */
export const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').normalize('NFKC').replace(/\s+/g, '') === (b ?? '').normalize('NFKC').replace(/\s+/g, '');

/** Field name → whether it matched the truth. */
export function compareDocument(item: DocumentTruthItem, got: Record<string, string | null>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(item.truth).map(([k, v]) => [k, sameText(got[k], v)]));
}

export interface DocumentOutcome {
  item: DocumentTruthItem;
  fields: Record<string, boolean>;
  got: Record<string, string | null>;
  ms: number;
  engineMs: number;
}

/** Runs one document fixture through its reader (residence permits, tax registrations and USCC certificates through classification, as T21 does). */
export async function evaluateDocument(documents: DocumentRecognizer, item: DocumentTruthItem, opts = DEFAULT_OPTIONS): Promise<DocumentOutcome> {
  const buf = readFileSync(path.join(DOCUMENT_DIR, item.file));
  const t0 = performance.now();
  const values = (fields: Record<string, { value: string | null }>) => Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value]));
  let got: Record<string, string | null> = {};
  let engineMs = 0;
  if (item.docType === 'motor-invoice' || item.docType === 'digital-invoice') {
    const r = await documents.invoice(buf, opts);
    got = { ...values(r.reading.fields), kind: r.reading.kind };
    engineMs = r.engine.ms;
  } else if (item.docType === 'business-licence') {
    const r = await documents.licence(buf, opts);
    got = values(r.reading.fields);
    engineMs = r.engine.ms;
  } else if (item.docType === 'import-certificate') {
    const r = await documents.importCertificate(buf, opts);
    got = values(r.reading.fields);
    engineMs = r.engine.ms;
  } else {
    const r = await documents.classify(buf, opts);
    const reading = r.reading;
    if (reading.type === 'residence-permit') got = values(reading.residencePermit.fields);
    if (reading.type === 'tax-registration') got = { ...values(reading.taxRegistration.fields), form: reading.taxRegistration.form };
    if (reading.type === 'uscc-certificate') got = values(reading.usccCertificate.fields);
    engineMs = r.engine.ms;
  }
  return { item, fields: compareDocument(item, got), got, ms: performance.now() - t0, engineMs };
}
