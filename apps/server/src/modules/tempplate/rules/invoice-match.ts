import type { RuleCode } from '@shtp/core/tempplate';
import { type BusinessFacts, evidence, type Rule } from './rule.ts';

interface InvoiceField {
  code: RuleCode;
  /** Which value of the invoice reading. */
  read: 'vin' | 'buyerIdNumber' | 'buyerName';
  label: string;
  /** The business's own value. */
  own: (b: BusinessFacts) => string;
  /** How both values are compared (case, spaces, full-width). */
  normalise: (v: string) => string;
  /** How a value is shown in the evidence (masked where personal). */
  show: (v: string) => string | null;
}

/**
 * T4–T6: a business value against what the recognition read on the invoice image. A reading below the confidence
 * parameter is "unreadable" — a warning of its own kind, never a silent pass. No invoice reading: nothing to compare.
 */
export function invoiceFieldRule(f: InvoiceField): Rule {
  return {
    code: f.code,
    version: 1,
    reads: ['minConfidence'],
    history: false,
    evaluate({ business: b, invoiceReading, params: p }) {
      if (!invoiceReading) return null;
      const read = invoiceReading[f.read];
      const own = f.own(b);
      const images = [{ material: 'invoice', box: read.box }];
      const threshold = `可信度 ≥ ${p.minConfidence}%`;
      if (read.value === null || read.confidence < p.minConfidence) {
        return {
          severity: 'low',
          summary: `发票影像中的${f.label}无法识别（可信度 ${read.confidence}%，低于 ${p.minConfidence}%），需人工核对`,
          evidence: evidence({
            compared: [{ item: f.label, value: f.show(own), against: read.value === null ? '未识别' : `${f.show(read.value)}（可信度 ${read.confidence}%）` }],
            threshold,
            images,
            note: '无法识别',
          }),
        };
      }
      if (f.normalise(read.value) === f.normalise(own)) return null;
      return {
        severity: 'high',
        summary: `${f.label}与发票影像不一致`,
        evidence: evidence({
          compared: [{ item: f.label, value: f.show(own), against: `${f.show(read.value)}（发票影像，可信度 ${read.confidence}%）` }],
          threshold,
          images,
        }),
      };
    },
  };
}

/** Upper case, no spaces, full-width letters and digits folded to ASCII. */
export const foldText = (v: string) =>
  v
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
