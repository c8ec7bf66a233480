import type { OcrLine } from '../engine/types.ts';
import { emptyField, type Field, type Provenance, round3 } from './facts.ts';
import { groupRows, mean, toHalfWidth, unionBox } from './text.ts';

/**
 * Label-driven field extraction for printed forms (invoices, licences, certificates): rows are rebuilt from the box
 * geometry, every printed label is found inside the row's parts (alone in its box, or glued to its value as in
 * `名称：张三`), and the text after a label up to the next label is that field's value.
 */

export interface LabelSpec<K extends string> {
  /** One key, several filled in order of appearance (数电: the buyer's 名称 comes before the seller's), or null for a
   * label whose value is not wanted (it still ends the previous value). */
  key: K | K[] | null;
  re: RegExp;
}

/** A label regex from its printed text: spaces allowed between characters (letter-spaced labels), `/` optional. */
export function label(printed: string): RegExp {
  const chars = [...printed].map((c) => (c === '/' ? '/?' : c.replace(/[()（）[\]]/g, (p) => `\\${toHalfWidth(p)}`)));
  return new RegExp(chars.join('\\s*'), 'y');
}

export interface LabelledValue {
  text: string;
  /** Indexes of the OCR lines the value came from. */
  members: number[];
}

export interface RowPart {
  i: number;
  text: string;
  /** Left and right edge of the box (overlaps between neighbouring boxes matter). */
  x0: number;
  x1: number;
}

export interface FormRows {
  rows: RowPart[][];
  /** Every row's text joined (parts separated by a space), top to bottom. */
  text: string;
}

export function formRows(lines: OcrLine[]): FormRows {
  const rows = groupRows(lines).map((r) =>
    r.members
      .map((i) => {
        const l = lines[i] as OcrLine;
        const xs = l.box.map((p) => p[0]);
        return { i, text: toHalfWidth(l.text).trim(), x0: Math.min(...xs), x1: Math.max(...xs) };
      })
      .filter((p) => p.text),
  );
  return { rows, text: rows.map((r) => r.map((p) => p.text).join(' ')).join('\n') };
}

type Token<K extends string> = { kind: 'label'; spec: LabelSpec<K> } | { kind: 'text'; text: string; i: number; afterLabel?: boolean };

/** Splits a part into labels and text, taking the longest label at each position. */
function tokenise<K extends string>(part: RowPart, specs: LabelSpec<K>[]): Token<K>[] {
  const out: Token<K>[] = [];
  let buf = '';
  let p = 0;
  while (p < part.text.length) {
    let best: { spec: LabelSpec<K>; len: number } | null = null;
    for (const spec of specs) {
      spec.re.lastIndex = p;
      const m = spec.re.exec(part.text);
      if (m && m[0].length > 0 && (!best || m[0].length > best.len)) best = { spec, len: m[0].length };
    }
    if (best) {
      if (buf.trim()) out.push({ kind: 'text', text: buf, i: part.i });
      buf = '';
      out.push({ kind: 'label', spec: best.spec });
      p += best.len;
    } else {
      buf += part.text[p];
      p++;
    }
  }
  if (buf.trim()) out.push({ kind: 'text', text: buf, i: part.i, afterLabel: out.at(-1)?.kind === 'label' });
  return out;
}

/**
 * A box that overlaps the next one can read the shared glyph twice (`证明书号2` + `220120…`): one or two characters
 * left after a label at the end of such a box are dropped.
 */
function dropOverlapEcho<K extends string>(row: RowPart[], specs: LabelSpec<K>[]): Token<K>[] {
  return row.flatMap((part, n) => {
    const tokens = tokenise(part, specs);
    const next = row[n + 1];
    const last = tokens.at(-1);
    if (next && last?.kind === 'text' && last.afterLabel && [...last.text.trim()].length <= 2 && next.x0 < part.x1) tokens.pop();
    return tokens;
  });
}

/** Values by key; the first occurrence of a key wins. Leading `:` and spaces are dropped from values. */
export function labelledValues<K extends string>(form: FormRows, specs: LabelSpec<K>[]): Partial<Record<K, LabelledValue>> {
  const values: Partial<Record<K, LabelledValue>> = {};
  const taken = new Set<K>();
  for (const row of form.rows) {
    let current: K | null = null;
    for (const t of dropOverlapEcho(row, specs)) {
      if (t.kind === 'label') {
        const keys: K[] = t.spec.key === null ? [] : Array.isArray(t.spec.key) ? t.spec.key : [t.spec.key];
        current = keys.find((k) => !taken.has(k)) ?? null;
        if (current) taken.add(current);
        continue;
      }
      if (!current) continue;
      const v: LabelledValue = values[current] ?? { text: '', members: [] };
      v.text += t.text;
      if (!v.members.includes(t.i)) v.members.push(t.i);
      values[current] = v;
    }
  }
  for (const k of Object.keys(values) as K[]) {
    const v = values[k] as LabelledValue;
    v.text = v.text.replace(/^[\s:：;,.，。]+/, '').trim();
  }
  return values;
}

/** A Field from a value and the lines it came from (confidence = mean line confidence). */
export function fieldFrom<T = string>(value: T | null, lines: OcrLine[], members: number[], confidence?: number): Field<T> {
  if (value === null || value === '' || members.length === 0) return emptyField<T>();
  const ls = members.map((i) => lines[i] as OcrLine);
  const source: Provenance = { lines: members, text: ls.map((l) => l.text).join(' '), box: unionBox(ls.map((l) => l.box)) };
  return { value, confidence: round3(confidence ?? mean(ls.map((l) => l.confidence))), source };
}

/** A plain text value (spaces removed: printed forms space letters out, OCR drops or adds spaces). */
export function textField(v: LabelledValue | undefined, lines: OcrLine[], clean: (s: string) => string = (s) => s.replace(/\s+/g, '')): Field {
  if (!v) return emptyField<string>();
  return fieldFrom(clean(v.text) || null, lines, v.members);
}

const CN_DATE = /(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?/;

/** `2024年05月17日`, `2024.05.17`, `2024-5-17` → `2024-05-17`; O read for 0 is mapped. */
export function parseDate(text: string): string | null {
  const m = CN_DATE.exec(text.replace(/[Oo]/g, '0'));
  if (!m) return null;
  return `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
}

export function dateField(v: LabelledValue | undefined, lines: OcrLine[]): Field {
  return v ? fieldFrom(parseDate(v.text), lines, v.members) : emptyField<string>();
}
