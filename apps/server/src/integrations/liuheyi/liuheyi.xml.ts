import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { LiuheyiWrite } from './liuheyi.port.ts';

/**
 * The TmriOutAccess-style wire format (DOMAIN.md §1.6): a form post with `xtlb`, `jkxlh`, `jkid` and the XML
 * document; the answer `<root><head><code>1</code><message/></head><body>…</body></root>`, code 1 = success.
 * The real service is SOAP: the envelope binding is an assumption [A] kept in `requestForm` alone, so it can be
 * swapped when the interface document is available.
 */
export const XTLB = '01';
/** Interface IDs (xtlb + W + 2 digits) [A]. */
export const JKID = { business: '01W61', status: '01W62', correction: '01W63', query: '01Q61' } as const;

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false });
const parser = new XMLParser({ parseTagValue: false, trimValues: true });

export function writeXml(w: LiuheyiWrite): string {
  const { items, operator, zt, ...head } = w;
  const doc = {
    root: {
      writeObjectOut: {
        ...head,
        ...(zt ? { ztbj: zt.flag, ztcz: zt.set ? '1' : '0' } : {}),
        ...operator,
        ...Object.fromEntries(Object.entries(items).map(([k, v]) => [k, v ?? ''])),
      },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(doc)}`;
}

/** The form body of a call. */
export function requestForm(jkid: string, licence: string, xml: string): URLSearchParams {
  return new URLSearchParams({ xtlb: XTLB, jkxlh: licence, jkid, UTF8XmlDoc: xml });
}

export interface Answer {
  code: string;
  message: string;
  body: Record<string, string>;
}

export function answerXml(a: Answer): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ root: { head: { code: a.code, message: a.message }, body: a.body } })}`;
}

/** Reads an answer; null when it is not one (a gateway error page, a truncated body). */
export function parseAnswer(xml: string): Answer | null {
  try {
    const doc = parser.parse(xml) as { root?: { head?: { code?: unknown; message?: unknown }; body?: Record<string, unknown> } };
    const head = doc.root?.head;
    if (!head || head.code === undefined) return null;
    const body = Object.fromEntries(Object.entries(doc.root?.body ?? {}).map(([k, v]) => [k, String(v)]));
    return { code: String(head.code), message: String(head.message ?? ''), body };
  } catch {
    return null;
  }
}

/** The write as the far side reads it back from the XML (all values text). */
export function parseWrite(xml: string): Record<string, string> | null {
  try {
    const doc = parser.parse(xml) as { root?: { writeObjectOut?: Record<string, unknown> } };
    const w = doc.root?.writeObjectOut;
    if (!w || typeof w !== 'object') return null;
    return Object.fromEntries(Object.entries(w).map(([k, v]) => [k, typeof v === 'object' ? '' : String(v)]));
  } catch {
    return null;
  }
}
