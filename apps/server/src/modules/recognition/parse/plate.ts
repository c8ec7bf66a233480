import { PLATE_CHARACTERS, PLATE_PROVINCES, type PlateKind, type PlateVehicle, plateKinds } from '@shtp/core/validators';
import type { OcrLine, Quad } from '../engine/types.ts';
import { type Provenance, round3 } from './facts.ts';
import { groupRows, mean, stripChars, toHalfWidth, unionBox } from './text.ts';

/**
 * The alphabet of the engine's restricted plate decode: the plate characters of @shtp/core without O. O is an
 * authority letter only (冀O, rare on the road); admitting it lets a D, Q or 0 be read as O. A plate with O is still
 * read from the engine's free decode, and the grammar (core's plate shapes) accepts it.
 */
export const PLATE_CHARSET = PLATE_CHARACTERS.replace('O', '');

export type PlateColour = 'blue' | 'green' | 'yellow' | 'white' | 'black' | 'unknown';

/** The plate's background colour from the mean colour of its box (characters are a minority of the pixels). */
export function plateColour([r, g, b]: [number, number, number]): PlateColour {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max < 50) return 'black';
  if (max - min < 28) return max > 150 ? 'white' : 'unknown';
  if (b >= g && b - r > 30) return 'blue';
  if (g > r && g > b && g - r > 10) return 'green';
  if (r > b + 40 && g > b + 30) return 'yellow';
  return 'unknown';
}

export interface PlateCandidate {
  plate: string;
  /** Every kind the string fits (an 8-character string may fit new-energy and e-bike alike). */
  types: PlateKind[];
  type: PlateKind;
  confidence: number;
  colour: PlateColour;
  source: Provenance;
}

export interface PlateReading {
  plate: string | null;
  type: PlateKind | null;
  confidence: number;
  colour: PlateColour | null;
  box: Quad | null;
  source: Provenance | null;
  /** All distinct readings that fit a plate format, best first (the chosen one included). */
  candidates: PlateCandidate[];
  /** Text that looked like a plate but fits no format (no province, wrong length…), for the officer to see. */
  rejected: { text: string; source: Provenance }[];
}

/**
 * Normalises a candidate: half-width, upper case, separators (· • . - 。 space) removed; O→0 and I→1 after the
 * authority letter (sequence characters use neither letter, so the grammar forces the digit).
 */
export function normalisePlateText(text: string, chars: number[]): { text: string; chars: number[] } {
  const half = toHalfWidth(text).toUpperCase().replace(/[×]/g, 'X');
  const stripped = stripChars(half, chars, /[·•.\-。\s・:：'"`,，_]/);
  const fixed = [...stripped.text].map((ch, i) => (i >= 2 && ch === 'O' ? '0' : i >= 2 && ch === 'I' ? '1' : ch)).join('');
  return { text: fixed, chars: stripped.chars };
}

/** One candidate source: a line, or neighbouring lines of one row read together (a plate split in two boxes). */
interface Source {
  lines: number[];
  text: string;
  chars: number[];
  box: Quad;
  meanRgb: [number, number, number];
  whole: boolean;
}

function sourcesOf(lines: OcrLine[]): Source[] {
  const out: Source[] = [];
  const texts = (l: OcrLine) => [l, l.alt.plate].filter((d): d is NonNullable<typeof d> => !!d && d.text.length > 0);
  lines.forEach((l, i) => {
    for (const d of texts(l)) out.push({ lines: [i], text: d.text, chars: d.chars, box: l.box, meanRgb: l.meanRgb, whole: !!l.whole });
  });
  // Neighbours on a row, up to three boxes, when the gap is small against the height.
  for (const row of groupRows(lines)) {
    for (let a = 0; a < row.members.length; a++) {
      for (let n = 2; n <= 3 && a + n <= row.members.length; n++) {
        const idx = row.members.slice(a, a + n);
        const parts = idx.map((i) => lines[i] as OcrLine);
        const gapsOk = parts.every((p, k) => {
          if (k === 0) return true;
          const prev = parts[k - 1] as OcrLine;
          const h = Math.abs((p.box[3]?.[1] ?? 0) - (p.box[0]?.[1] ?? 0));
          return (p.box[0]?.[0] ?? 0) - (prev.box[1]?.[0] ?? 0) < 1.5 * h;
        });
        if (!gapsOk) continue;
        for (const useAlt of [false, true]) {
          const ds = parts.map((p) => (useAlt ? (p.alt.plate ?? p) : p));
          const rgb = parts.map((p) => p.meanRgb);
          out.push({
            lines: idx,
            text: ds.map((d) => d.text).join(''),
            chars: ds.flatMap((d) => d.chars),
            box: unionBox(parts.map((p) => p.box)),
            meanRgb: [0, 1, 2].map((c) => Math.round(mean(rgb.map((x) => x[c] as number)))) as [number, number, number],
            whole: false,
          });
        }
      }
    }
  }
  return out;
}

/**
 * Picks the plate among the OCR lines by format, not by position: every line (and pairs/triples of neighbouring
 * boxes) is normalised and scanned for 7- and 8-character windows that start with a province; windows that fit a
 * format become candidates, ranked by character confidence, with the box colour deciding between formats that the
 * string alone cannot tell apart (green → new-energy, white → e-bike as assumed).
 */
export function readPlate(lines: OcrLine[], opts: { ebikePatterns: readonly RegExp[]; kind?: PlateVehicle }): PlateReading {
  const shapes = { vehicle: opts.kind ?? 'any', ebikePatterns: opts.ebikePatterns };
  const byPlate = new Map<string, PlateCandidate & { score: number }>();
  const rejected = new Map<string, { text: string; source: Provenance }>();
  for (const src of sourcesOf(lines)) {
    const norm = normalisePlateText(src.text, src.chars);
    const colour = plateColour(src.meanRgb);
    const chars = [...norm.text];
    let matched = false;
    for (let start = 0; start < chars.length; start++) {
      if (!PLATE_PROVINCES.includes(chars[start] as string)) continue;
      for (const len of [8, 7]) {
        if (start + len > chars.length) continue;
        // A plate ends where its characters end: "沪A123456" is not the ordinary plate 沪A12345.
        if (/[A-Z0-9]/.test(chars[start + len] ?? '')) continue;
        const plate = chars.slice(start, start + len).join('');
        const types = plateKinds(plate, shapes);
        if (types.length === 0) continue;
        matched = true;
        const conf = mean(norm.chars.slice(start, start + len));
        const type = chooseType(types, colour);
        // Prefer readings that are the whole of their line (a plate box holds only the plate), and 8 over 7
        // characters when both fit (a new-energy plate read with its last digit dropped would fit "ordinary").
        const coverage = len / Math.max(chars.length, len);
        const colourFit = colourFits(type, colour) ? 0.05 : 0;
        const score = conf + 0.1 * coverage + colourFit + (len === 8 ? 0.02 : 0);
        const source: Provenance = { lines: src.lines, text: src.text, box: src.box };
        const prev = byPlate.get(plate);
        if (!prev || score > prev.score) byPlate.set(plate, { plate, types, type, confidence: round3(conf), colour, source, score });
      }
    }
    if (!matched && !src.whole && src.lines.length === 1 && /[A-Z0-9]{4,}/.test(norm.text) && norm.text.length >= 5 && norm.text.length <= 9) {
      rejected.set(norm.text, { text: src.text, source: { lines: src.lines, text: src.text, box: src.box } });
    }
  }
  const ranked = [...byPlate.values()].sort((a, b) => b.score - a.score);
  const best = ranked[0];
  const candidates = ranked.map(({ score: _score, ...c }) => c);
  if (!best) return { plate: null, type: null, confidence: 0, colour: null, box: null, source: null, candidates, rejected: [...rejected.values()] };
  return {
    plate: best.plate,
    type: best.type,
    confidence: best.confidence,
    colour: best.colour,
    box: best.source.box,
    source: best.source,
    candidates,
    rejected: [],
  };
}

/** The background colours each kind comes in (GA 36; the e-bike's white is an assumption like its shape). */
const KIND_COLOURS: Record<PlateKind, readonly PlateColour[]> = {
  ordinary: ['blue', 'yellow'],
  'new-energy-small': ['green', 'yellow'],
  'new-energy-large': ['green', 'yellow'],
  trailer: ['yellow'],
  coach: ['yellow'],
  police: ['white'],
  'hong-kong': ['black'],
  macau: ['black'],
  consulate: ['black'],
  test: [],
  oversize: [],
  ebike: ['white'],
};

const colourFits = (type: PlateKind, colour: PlateColour) => KIND_COLOURS[type].includes(colour);

function chooseType(types: PlateKind[], colour: PlateColour): PlateKind {
  const fitting = types.find((t) => colourFits(t, colour));
  return fitting ?? types.find((t) => t !== 'ebike') ?? (types[0] as PlateKind);
}
