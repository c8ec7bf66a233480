import { checkPlate, DEFAULT_EBIKE_PLATE_PATTERN, PLATE_CHARACTERS, PLATE_KIND_LABELS, type PlateVehicle } from '@shtp/core/validators';
import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../engine/types.ts';
import { ocrLine } from './ocr-line.fixture.ts';
import { normalisePlateText, PLATE_CHARSET, plateColour, readPlate } from './plate.ts';

const EBIKE = [DEFAULT_EBIKE_PLATE_PATTERN];

/** A plate-like line (blue by default); `opts` replace its parts. */
const line = (text: string, x: number, y: number, opts: Partial<OcrLine> = {}): OcrLine => ({
  ...ocrLine(text, x, y, { confidence: 0.95, meanRgb: [20, 70, 170] }),
  ...opts,
});

describe('plate normalisation and grammar', () => {
  it('strips separators, converts full-width, fixes O/I only after the authority letter', () => {
    expect(normalisePlateText('沪Ａ·ＤＯ１２３', [1, 1, 1, 1, 1, 1, 1, 1]).text).toBe('沪AD0123');
    expect(normalisePlateText('沪A-B I234', [1, 1, 1, 1, 1, 1, 1, 1, 1]).text).toBe('沪AB1234');
    expect(normalisePlateText('沪O·12345', [1, 1, 1, 1, 1, 1, 1, 1]).text).toBe('沪O12345'); // the authority letter is not forced
  });

  it('reads what the core validator calls a plate, and nothing else (one definition of plate shapes)', () => {
    const texts = ['沪A12345', '冀O12345', '沪AD12345', '粤B12345D', '沪A123456', '沪A1234学', '粤Z1234港', '沪I12345', 'AB12345', '苏A123456'];
    for (const vehicle of ['any', 'motor', 'ebike'] as PlateVehicle[]) {
      for (const text of texts) {
        const core = checkPlate(text, { vehicle, ebikePatterns: EBIKE });
        // A grey box, so that colour decides nothing. (O/I after the authority letter are OCR repairs: see above.)
        const read = readPlate([line(text, 0, 0, { meanRgb: [120, 120, 125] })], { ebikePatterns: EBIKE, kind: vehicle });
        expect(read.plate, `${vehicle} ${text}`).toBe(core.ok ? core.value : null);
        if (core.ok) expect(read.candidates[0]?.types, `${vehicle} ${text}`).toEqual(core.kinds);
      }
    }
  });

  it('reports the kinds and labels of the core validator', () => {
    expect(readPlate([line('冀O·12345', 0, 0)], { ebikePatterns: EBIKE })).toMatchObject({ plate: '冀O12345', type: 'ordinary' });
    const coach = readPlate([line('沪A1234学', 0, 0, { meanRgb: [220, 190, 60] })], { ebikePatterns: EBIKE });
    expect(coach).toMatchObject({ plate: '沪A1234学', type: 'coach', colour: 'yellow' });
    expect(PLATE_KIND_LABELS[coach.type!]).toBe('教练号牌');
  });

  it('restricts the engine alphabet to plate characters, leaving O (an authority letter only) to the free decode', () => {
    expect([...PLATE_CHARSET].sort()).toEqual([...PLATE_CHARACTERS.replace('O', '')].sort());
    expect(PLATE_CHARSET).not.toContain('O');
  });

  it('classifies plate colours from the mean colour', () => {
    expect(plateColour([20, 70, 170])).toBe('blue');
    expect(plateColour([100, 160, 120])).toBe('green');
    expect(plateColour([220, 190, 60])).toBe('yellow');
    expect(plateColour([230, 232, 228])).toBe('white');
  });
});

describe('picking the plate', () => {
  it('by format, not position: a scene with other text', () => {
    const lines = [
      line('4S店服务热线021-64871234', 0, 0, { meanRgb: [120, 120, 120] }),
      line('沪牌代办', 0, 60, { meanRgb: [120, 120, 120] }),
      line('沪A·8K512', 100, 300),
    ];
    const r = readPlate(lines, { ebikePatterns: EBIKE });
    expect(r).toMatchObject({ plate: '沪A8K512', type: 'ordinary', colour: 'blue' });
    expect(r.source?.lines).toEqual([2]);
  });

  it('joins a plate split into two boxes on one row', () => {
    const lines = [line('豫E', 10, 50, { meanRgb: [80, 150, 100] }), line('97787F', 70, 52, { meanRgb: [80, 150, 100] })];
    const r = readPlate(lines, { ebikePatterns: EBIKE });
    expect(r).toMatchObject({ plate: '豫E97787F', type: 'new-energy-large' });
    expect(r.source?.lines).toEqual([0, 1]);
  });

  it('drops stray characters around the plate and uses the restricted reading', () => {
    const r = readPlate([line('J川B·93764F', 0, 0, { meanRgb: [80, 150, 100] })], { ebikePatterns: EBIKE });
    expect(r.plate).toBe('川B93764F');
    const alt = { plate: { text: '粤C749J4', confidence: 0.9, chars: [0.9, 0.9, 0.9, 0.9, 0.9, 0.5, 0.9] } };
    expect(readPlate([line('粤C·749]4', 0, 0, { alt })], { ebikePatterns: EBIKE }).plate).toBe('粤C749J4');
  });

  it('decides between new-energy and e-bike by colour, or by the caller', () => {
    expect(readPlate([line('沪AD12345', 0, 0, { meanRgb: [90, 160, 110] })], { ebikePatterns: EBIKE }).type).toBe('new-energy-small');
    expect(readPlate([line('沪AD12345', 0, 0, { meanRgb: [235, 235, 230] })], { ebikePatterns: EBIKE }).type).toBe('ebike');
    expect(readPlate([line('沪AD12345', 0, 0, { meanRgb: [90, 160, 110] })], { ebikePatterns: EBIKE, kind: 'ebike' }).type).toBe('ebike');
    expect(readPlate([line('沪A123456', 0, 0)], { ebikePatterns: EBIKE, kind: 'motor' }).plate).toBeNull();
  });

  it('returns no plate, with what it rejected, when nothing fits a format', () => {
    const r = readPlate([line('沪·592543', 0, 0)], { ebikePatterns: EBIKE });
    expect(r.plate).toBeNull();
    expect(r.rejected.map((x) => x.text)).toContain('沪·592543');
  });
});
