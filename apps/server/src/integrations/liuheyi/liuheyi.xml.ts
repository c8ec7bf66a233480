import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { XTLB } from './liuheyi.codes.ts';
import type { LiuheyiReconciliation, LiuheyiWrite } from './liuheyi.port.ts';

/**
 * The TmriOutAccess-style wire format (DOMAIN.md §1.6): a call carries `xtlb`, `jkxlh`, `jkid` and a URL-encoded
 * XML document; the answer is `<root><head><code>1</code><message/></head><body>…</body></root>`, code 1 = success.
 * The real service is SOAP; the binding used here (a form post per method) is an assumption [A] that lives in
 * `requestEnvelope` and `readEnvelope` alone, so it can be swapped once the interface document is at hand.
 */

export type TmriMethod = 'writeObjectOut' | 'queryObjectOut';
export const SERVICE_PATH = '/pnweb/services/TmriOutAccess';
const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>';

/** The builder escapes & < > ' " in values; the parser keeps values as exact strings (no trimming, no numbers). */
const builder = new XMLBuilder({ format: false });
const parser = new XMLParser({ parseTagValue: false, trimValues: false, ignoreDeclaration: true, processEntities: true, htmlEntities: false });

export interface EnvelopeParams {
  jkid: string;
  jkxlh: string;
  xml: string;
}

/** [A] binding: POST <base>/pnweb/services/TmriOutAccess/<method>, form-urlencoded, the document as UTF8XmlDoc. */
export function requestEnvelope(method: TmriMethod, p: EnvelopeParams): { path: string; contentType: string; body: string } {
  const form = new URLSearchParams({ xtlb: XTLB, jkxlh: p.jkxlh, jkid: p.jkid, UTF8XmlDoc: p.xml });
  return { path: `${SERVICE_PATH}/${method}`, contentType: 'application/x-www-form-urlencoded; charset=UTF-8', body: form.toString() };
}

/** The far side's reading of `requestEnvelope` (the simulator's half of the binding). */
export function readEnvelope(form: Record<string, string | undefined>): EnvelopeParams & { xtlb: string } {
  return { xtlb: form.xtlb ?? '', jkid: form.jkid ?? '', jkxlh: form.jkxlh ?? '', xml: form.UTF8XmlDoc ?? '' };
}

/** The wire record of a write: element name → text, in document order; absent optional values are left out. */
export function toWireRecord(w: LiuheyiWrite): Record<string, string> {
  const rec: Record<string, string> = { lsh: w.lsh };
  if (w.ywlx) rec.ywlx = w.ywlx;
  if (w.ywyy) rec.ywyy = w.ywyy;
  if (w.zt) {
    rec.ztbj = w.zt.flag;
    rec.ztcz = w.zt.set ? '1' : '0';
  }
  if (w.correctsLsh) rec.gzlsh = w.correctsLsh;
  for (const [k, v] of Object.entries(w.items)) rec[k] = v ?? '';
  for (const [k, v] of Object.entries(w.details ?? {})) rec[k] = v;
  rec.blr = w.operator.blr;
  rec.glbm = w.operator.glbm;
  rec.ywsj = w.occurredAt;
  return rec;
}

export function writeDocument(rec: Record<string, string>): string {
  return PROLOG + builder.build({ root: { writeObjectOut: rec } });
}

export function queryDocument(condition: Record<string, string>): string {
  return PROLOG + builder.build({ root: { QueryCondition: condition } });
}

/** A flat element of text children (`<x><a>1</a><b/></x>`) as a record; null when any child repeats or nests. */
function flat(node: unknown): Record<string, string> | null {
  if (node === '') return {};
  if (!node || typeof node !== 'object' || Array.isArray(node)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(node)) {
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

function parse(xml: string): Record<string, unknown> | null {
  if (XMLValidator.validate(xml) !== true) return null;
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The write as the far side reads it: the text of each child of <root><writeObjectOut>, or null if unreadable. */
export function parseWriteDocument(xml: string): Record<string, string> | null {
  const doc = parse(xml) as { root?: { writeObjectOut?: unknown } } | null;
  return doc?.root?.writeObjectOut === undefined ? null : flat(doc.root.writeObjectOut);
}

export function parseQueryDocument(xml: string): Record<string, string> | null {
  const doc = parse(xml) as { root?: { QueryCondition?: unknown } } | null;
  return doc?.root?.QueryCondition === undefined ? null : flat(doc.root.QueryCondition);
}

export interface Answer {
  code: string;
  message: string;
  body: Record<string, string>;
}

export function answerDocument(a: Answer): string {
  return PROLOG + builder.build({ root: { head: { code: a.code, message: a.message }, body: a.body } });
}

/** Reads an answer; null when it is not one (a gateway error page, a truncated body, a missing code). */
export function parseAnswer(xml: string): Answer | null {
  const doc = parse(xml) as { root?: { head?: unknown; body?: unknown } } | null;
  const head = flat(doc?.root?.head);
  const body = doc?.root?.body === undefined ? {} : flat(doc.root.body);
  if (!head?.code || body === null) return null;
  return { code: head.code.trim(), message: (head.message ?? '').trim(), body };
}

/**
 * The reconciliation answer's body [A]: `<rq>` the day, `<tjxx>` counts as `A:3;C1:1`, `<lshs>` the 流水号 joined
 * by commas (the body is flat text, like every other answer).
 */
export function reconciliationBody(r: LiuheyiReconciliation): Record<string, string> {
  return {
    rq: r.day,
    tjxx: Object.entries(r.counts)
      .map(([k, n]) => `${k}:${n}`)
      .join(';'),
    lshs: r.serials.join(','),
  };
}

export function readReconciliation(body: Record<string, string>): LiuheyiReconciliation | null {
  if (!body.rq || body.tjxx === undefined || body.lshs === undefined) return null;
  const counts: Record<string, number> = {};
  for (const pair of body.tjxx.split(';').filter(Boolean)) {
    const [k, n] = pair.split(':');
    if (!k || !/^\d+$/.test(n ?? '')) return null;
    counts[k] = Number(n);
  }
  return { day: body.rq, counts, serials: body.lshs.split(',').filter(Boolean) };
}
