import { describe, expect, it } from 'vitest';
import {
  checkPlate,
  DEFAULT_EBIKE_PLATE_PATTERN,
  ebikePlateRegExp,
  isEbikePlate,
  normalisePlate,
  PLATE_CHARACTERS,
  PLATE_SEQUENCE_LETTERS,
  plateKinds,
  plateRegion,
} from './plate.ts';

describe('plate normalisation', () => {
  it('strips the separators OCR returns (· . - 。 spaces), folds full-width and upper-cases', () => {
    expect(normalisePlate('沪A·12345')).toBe('沪A12345');
    expect(normalisePlate('沪A.12345')).toBe('沪A12345');
    expect(normalisePlate('沪A-12345')).toBe('沪A12345');
    expect(normalisePlate('沪A。12345')).toBe('沪A12345');
    expect(normalisePlate(' 沪ａ　ｄ１２３４５ ')).toBe('沪AD12345');
    expect(normalisePlate('粤b•12345d')).toBe('粤B12345D');
  });
});

describe('plate classification (VALIDATORS.md §4)', () => {
  it('accepts the examples of VALIDATORS.md', () => {
    expect(checkPlate('沪AD12345', { vehicle: 'motor' })).toMatchObject({ ok: true, kind: 'new-energy-small', region: '上海市' });
    expect(checkPlate('粤B12345D')).toMatchObject({ ok: true, kind: 'new-energy-large', kinds: ['new-energy-large'], prefix: '粤B', region: '广东省深圳市' });
  });

  it('classifies ordinary, new-energy and special-suffix plates', () => {
    expect(checkPlate('沪A·8K512')).toEqual({
      ok: true,
      value: '沪A8K512',
      kind: 'ordinary',
      kinds: ['ordinary'],
      province: '沪',
      prefix: '沪A',
      region: '上海市',
    });
    expect(checkPlate('沪AF1234')).toMatchObject({ kind: 'ordinary' }); // 7 characters: not new-energy
    expect(checkPlate('沪AF12345')).toMatchObject({ kind: 'new-energy-small' });
    expect(checkPlate('沪ADA1234')).toMatchObject({ kind: 'new-energy-small' });
    const cases: [string, string][] = [
      ['沪A1234挂', 'trailer'],
      ['沪A1234学', 'coach'],
      ['沪A1234警', 'police'],
      ['粤Z1234港', 'hong-kong'],
      ['粤Z1234澳', 'macau'],
      ['沪A1234领', 'consulate'],
      ['沪A1234试', 'test'],
      ['沪A1234超', 'oversize'],
    ];
    for (const [plate, kind] of cases) expect(checkPlate(plate), plate).toMatchObject({ ok: true, kind });
    expect(checkPlate('冀O12345')).toMatchObject({ ok: true, region: '河北省公安厅交通管理局车辆管理所' });
  });

  it('refuses I/O in the sequence, D/F rules of new-energy plates, unknown provinces and wrong lengths', () => {
    expect(checkPlate('沪A1O345', { vehicle: 'motor' })).toEqual({ ok: false, problem: 'format', message: '号牌号码不符合机动车号牌格式' });
    expect(checkPlate('沪A1I345', { vehicle: 'motor' }).ok).toBe(false);
    expect(checkPlate('沪I12345', { vehicle: 'motor' }).ok).toBe(false);
    expect(checkPlate('沪AA12345', { vehicle: 'motor' }).ok).toBe(false); // small NEV: 1st must be D or F
    expect(checkPlate('沪AD1234A', { vehicle: 'motor' }).ok).toBe(false); // small NEV: last 4 digits
    expect(checkPlate('粤B1234AD', { vehicle: 'motor' }).ok).toBe(false); // large NEV: first 5 digits
    expect(checkPlate('粤B12345A', { vehicle: 'motor' }).ok).toBe(false); // large NEV: 6th D or F
    expect(checkPlate('污A12345').ok).toBe(false); // tesseract's 沪→污: not a province
    expect(checkPlate('沪A1234').ok).toBe(false);
    expect(checkPlate('沪A123学5').ok).toBe(false);
    expect(checkPlate('AB12345').ok).toBe(false);
  });

  it('looks up prefixes in the plate-prefix table, and can require them', () => {
    expect(plateRegion('鲁U')).toBe('山东省青岛市');
    expect(plateRegion('粤Y')).toBe(plateRegion('粤E'));
    expect(plateRegion('沪Z')).toBe('上海市');
    expect(plateRegion('冀Z')).toBeNull();
    expect(checkPlate('冀Z12345')).toMatchObject({ ok: true, region: null });
    expect(checkPlate('冀Z12345', { knownPrefixOnly: true })).toMatchObject({ ok: false, problem: 'prefix' });
  });
});

describe('e-bike plates (DOMAIN.md §1.7: format unconfirmed, configurable)', () => {
  it('uses the default pattern, and reports the overlap with small new-energy plates', () => {
    expect(DEFAULT_EBIKE_PLATE_PATTERN.test('沪A123456')).toBe(true);
    expect(checkPlate('沪A123456')).toMatchObject({ ok: true, kind: 'ebike', kinds: ['ebike'] });
    expect(checkPlate('沪AD12345')).toMatchObject({ kind: 'new-energy-small', kinds: ['new-energy-small', 'ebike'] });
    expect(checkPlate('沪AD12345', { vehicle: 'ebike' })).toMatchObject({ kind: 'ebike', kinds: ['ebike'] });
    expect(checkPlate('沪A123456', { vehicle: 'motor' }).ok).toBe(false);
    expect(checkPlate('苏A123456', { vehicle: 'ebike' })).toMatchObject({ ok: false, message: '号牌号码不符合电动自行车号牌格式' });
  });

  it('accepts the configured shapes as RegExps or strings (anchored), any of which fits', () => {
    expect(plateKinds('沪12345678', { vehicle: 'ebike', ebikePatterns: ['沪\\d{8}'] })).toEqual(['ebike']);
    expect(plateKinds('x沪12345678', { vehicle: 'ebike', ebikePatterns: ['沪\\d{8}'] })).toEqual([]);
    expect(plateKinds('沪A123456', { vehicle: 'ebike', ebikePatterns: ['沪\\d{8}'] })).toEqual([]);
    expect(plateKinds('沪A123456', { vehicle: 'ebike', ebikePatterns: ['沪\\d{8}', DEFAULT_EBIKE_PLATE_PATTERN.source] })).toEqual(['ebike']);
    expect(plateKinds('沪A123456', { ebikePatterns: [] })).toEqual([]); // no e-bike shape configured: none is an e-bike plate
    const g = /^沪\d{6}$/g;
    expect([1, 2, 3].map(() => plateKinds('沪123456', { ebikePatterns: [g] }))).toEqual([['ebike'], ['ebike'], ['ebike']]);
  });

  it('anchors a configured string, and refuses an invalid one (the parameter check relies on it)', () => {
    expect(ebikePlateRegExp('^沪[A-Z][A-Z0-9]{6}$').test('沪A123456')).toBe(true); // anchors inside are harmless
    expect(ebikePlateRegExp('沪A|沪B').test('沪B')).toBe(true);
    expect(ebikePlateRegExp('沪A|沪B').test('沪AB')).toBe(false); // the alternation is anchored as a whole
    expect(() => ebikePlateRegExp('沪[A-Z')).toThrow();
    expect(() => ebikePlateRegExp('沪\\-1')).toThrow(); // Unicode mode: no identity escapes
    expect(isEbikePlate('沪A123456')).toBe(true);
    expect(isEbikePlate('沪A12345')).toBe(false);
  });
});

describe('plate characters (the OCR reader restricts its alphabet to them)', () => {
  it('hold every character of every plate shape, O only as an authority letter', () => {
    const plates = ['沪A8K512', '冀O12345', '沪AD12345', '粤B12345D', '沪A1234挂', '粤Z1234港', '沪A123456', '京HZ9Y8X'];
    for (const plate of plates) {
      expect(checkPlate(plate).ok, plate).toBe(true);
      for (const ch of plate) expect(PLATE_CHARACTERS, `${plate}: ${ch}`).toContain(ch);
    }
    expect(PLATE_SEQUENCE_LETTERS).not.toMatch(/[IO]/);
    expect(PLATE_CHARACTERS).not.toContain('I');
    expect(checkPlate('冀O12345')).toMatchObject({ ok: true, kind: 'ordinary' });
    expect(checkPlate('冀A12O45').ok).toBe(false);
  });
});
