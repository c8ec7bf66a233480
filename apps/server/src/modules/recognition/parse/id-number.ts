import type { OcrLine } from '../engine/types.ts';
import { type Check, type Field, type Provenance, round3 } from './facts.ts';
import { type IdNumberFacts, inspectIdNumber } from './id-check.ts';
import { mean, stripChars, toHalfWidth } from './text.ts';

/** The alphabet of an ID number: the engine's restricted decode uses it. */
export const ID_CHARSET = '0123456789X';

export interface IdNumberCandidate {
  value: string;
  confidence: number;
  facts: IdNumberFacts;
  source: Provenance;
}

export interface IdNumberReading {
  idNumber: Field & { facts: IdNumberFacts | null };
  checks: Check[];
  candidates: IdNumberCandidate[];
}

/** Half-width, `x`/`×` → `X`, the letters OCR confuses with digits inside a number (O→0, I/l/|→1), spaces removed. */
export function normaliseIdText(text: string, chars: number[]): { text: string; chars: number[] } {
  const half = [...toHalfWidth(text)]
    .map((ch) => (ch === 'x' || ch === '×' || ch === '✕' ? 'X' : ch === 'O' || ch === 'o' ? '0' : ch === 'I' || ch === 'l' || ch === '|' ? '1' : ch))
    .join('');
  return stripChars(half, chars, /[\s·.-]/);
}

/**
 * Finds the citizen ID number among the lines: 18-character windows of `\d{17}[\dX]` in the plain and the
 * digit-restricted readings of each line; a window whose check character and date verify wins over one that does
 * not, then the higher confidence. Nothing is "repaired": a number that fails its check stays failed.
 */
export function readIdNumber(lines: OcrLine[]): IdNumberReading {
  const byValue = new Map<string, IdNumberCandidate & { score: number }>();
  lines.forEach((l, i) => {
    for (const d of [l, l.alt.id]) {
      if (!d?.text) continue;
      const norm = normaliseIdText(d.text, d.chars);
      const re = /\d{17}[\dX]/g;
      for (let m = re.exec(norm.text); m; m = re.exec(norm.text)) {
        // Overlapping windows too, in case a stray digit precedes the number.
        for (let s = m.index; s + 18 <= norm.text.length && /\d/.test(norm.text[s] ?? ''); s++) {
          const value = norm.text.slice(s, s + 18);
          if (!/^\d{17}[\dX]$/.test(value)) break;
          const facts = inspectIdNumber(value);
          const conf = mean(norm.chars.slice(s, s + 18));
          const score = (facts.valid ? 1 : 0) + conf;
          const prev = byValue.get(value);
          if (!prev || score > prev.score)
            byValue.set(value, { value, confidence: round3(conf), facts, source: { lines: [i], text: d.text, box: l.box }, score });
        }
      }
    }
  });
  const ranked = [...byValue.values()].sort((a, b) => b.score - a.score);
  const best = ranked[0];
  const candidates = ranked.map(({ score: _s, ...c }) => c);
  if (!best) {
    return {
      idNumber: { value: null, confidence: 0, source: null, facts: null },
      checks: [{ code: 'id.found', name: '识别到身份号码', result: 'fail', message: '未识别到 18 位公民身份号码' }],
      candidates,
    };
  }
  return {
    idNumber: { value: best.value, confidence: best.confidence, source: best.source, facts: best.facts },
    checks: idNumberChecks(best.value, best.facts),
    candidates,
  };
}

export function idNumberChecks(value: string, facts: IdNumberFacts): Check[] {
  const checks: Check[] = [];
  checks.push(
    facts.problem === 'date'
      ? { code: 'id.birthDate', name: '出生日期有效', result: 'fail', message: `号码中的出生日期 ${value.slice(6, 14)} 不是有效日期` }
      : { code: 'id.birthDate', name: '出生日期有效', result: 'pass', message: `出生日期 ${facts.birthDate}` },
  );
  checks.push(
    facts.problem === 'check'
      ? { code: 'id.checkDigit', name: '校验码', result: 'fail', message: `校验码应为 ${facts.expectedCheck}，识别为 ${value[17]}（号码或识别有误）` }
      : facts.problem === 'date'
        ? { code: 'id.checkDigit', name: '校验码', result: 'unknown', message: '出生日期无效，未校验' }
        : { code: 'id.checkDigit', name: '校验码', result: 'pass', message: '校验码正确（GB 11643）' },
  );
  return checks;
}
