import type { OcrLine, Quad } from '../engine/types.ts';

/** Full-width ASCII (Ａ０－) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCodePoint(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/** A line of text with its provenance: which OCR line(s) and where. */
export interface Segment {
  /** Indexes into the result's `lines`. */
  lines: number[];
  text: string;
  /** Per-character confidence aligned with `text`. */
  chars: number[];
  box: Quad;
}

/** Removes characters matching `drop` while keeping the confidences aligned. */
export function stripChars(text: string, chars: number[], drop: RegExp): { text: string; chars: number[] } {
  let t = '';
  const c: number[] = [];
  [...text].forEach((ch, i) => {
    if (drop.test(ch)) return;
    t += ch;
    c.push(chars[i] ?? 0);
  });
  return { text: t, chars: c };
}

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The bounding quad of several quads (axis-aligned). */
export function unionBox(boxes: Quad[]): Quad {
  const xs = boxes.flatMap((b) => b.map((p) => p[0]));
  const ys = boxes.flatMap((b) => b.map((p) => p[1]));
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const x1 = Math.max(...xs);
  const y1 = Math.max(...ys);
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

export interface Row {
  /** Indexes into the lines, left to right. */
  members: number[];
}

/**
 * Groups detected lines into rows of text, robust to a tilted photo: the dominant text angle is taken from the
 * boxes' top edges, centres are rotated back by it, and lines whose centres are within half a line height share a row.
 * Rows are returned top to bottom, members left to right.
 */
export function groupRows(lines: Pick<OcrLine, 'box' | 'whole' | 'stretch'>[]): Row[] {
  const items = lines.map((l, i) => ({ l, i })).filter(({ l }) => !l.whole && !l.stretch && l.box.length === 4);
  if (items.length === 0) return [];
  let sx = 0;
  let sy = 0;
  for (const { l } of items) {
    const [p0, p1] = l.box as [[number, number], [number, number]];
    sx += p1[0] - p0[0];
    sy += p1[1] - p0[1];
  }
  const angle = Math.atan2(sy, sx);
  const c = Math.cos(-angle);
  const s = Math.sin(-angle);
  const geo = items.map(({ l, i }) => {
    const cx = l.box.reduce((a, p) => a + p[0], 0) / 4;
    const cy = l.box.reduce((a, p) => a + p[1], 0) / 4;
    const [p0, , , p3] = l.box as [number, number][];
    const h = Math.hypot((p3?.[0] ?? 0) - (p0?.[0] ?? 0), (p3?.[1] ?? 0) - (p0?.[1] ?? 0));
    return { i, x: cx * c - cy * s, y: cx * s + cy * c, h };
  });
  geo.sort((a, b) => a.y - b.y);
  const rows: { y: number; h: number; members: typeof geo }[] = [];
  for (const g of geo) {
    const row = rows.find((r) => Math.abs(r.y - g.y) < Math.max(6, Math.min(r.h, g.h) * 0.5));
    if (row) {
      row.members.push(g);
      row.y = row.members.reduce((a, m) => a + m.y, 0) / row.members.length;
    } else rows.push({ y: g.y, h: g.h, members: [g] });
  }
  rows.sort((a, b) => a.y - b.y);
  return rows.map((r) => ({ members: r.members.sort((a, b) => a.x - b.x).map((m) => m.i) }));
}
