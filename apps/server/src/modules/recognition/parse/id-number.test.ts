import { describe, expect, it } from 'vitest';
import type { OcrLine } from '../engine/types.ts';
import { inspectIdNumber } from './id-check.ts';
import { normaliseIdText, readIdNumber } from './id-number.ts';

const line = (text: string, alt?: string): OcrLine => ({
  text,
  confidence: 0.97,
  chars: [...text].map(() => 0.97),
  box: [
    [0, 0],
    [100, 0],
    [100, 20],
    [0, 20],
  ],
  score: 1,
  meanRgb: [200, 200, 200],
  alt: alt ? { id: { text: alt, confidence: 0.97, chars: [...alt].map(() => 0.97) } } : {},
});

describe('ID number facts (GB 11643)', () => {
  it('verifies the check character and date, and derives birth date and sex', () => {
    expect(inspectIdNumber('11010519491231002X')).toMatchObject({ valid: true, birthDate: '1949-12-31', sex: '女', areaCode: '110105' });
    expect(inspectIdNumber('310115199003071239')).toMatchObject({ valid: true, sex: '男' });
    expect(inspectIdNumber('310115199003071238')).toMatchObject({ valid: false, problem: 'check', expectedCheck: '9' });
    expect(inspectIdNumber('310115199002301239')).toMatchObject({ valid: false, problem: 'date' });
    expect(inspectIdNumber('31011519900307123')).toMatchObject({ valid: false, problem: 'format' });
  });
});

describe('reading the ID number', () => {
  it('normalises x, ×, full-width digits and O/I confusions', () => {
    expect(normaliseIdText('１１０１０５１９４９１２３１００２ｘ', Array(18).fill(1)).text).toBe('11010519491231002X');
    expect(normaliseIdText('11010519491231002×', Array(18).fill(1)).text).toBe('11010519491231002X');
    expect(normaliseIdText('3101I5199OO3071239', Array(18).fill(1)).text).toBe('310115199003071239');
  });

  it('finds the number after its label and verifies it', () => {
    const r = readIdNumber([line('姓名张三'), line('公民身份号码310115199003071239')]);
    expect(r.idNumber).toMatchObject({ value: '310115199003071239', facts: { valid: true } });
    expect(r.idNumber.source?.lines).toEqual([1]);
    expect(r.checks.map((c) => c.result)).toEqual(['pass', 'pass']);
  });

  it('prefers a reading that verifies over one that does not', () => {
    const r = readIdNumber([line('31011519900307I239', '310115199003071239'), line('310115199003071238')]);
    expect(r.idNumber.value).toBe('310115199003071239');
    expect(r.candidates.map((c) => c.value)).toContain('310115199003071238');
  });

  it('reports a failed check digit instead of repairing the number', () => {
    const r = readIdNumber([line('310115199003071238')]);
    expect(r.idNumber.value).toBe('310115199003071238');
    expect(r.checks.find((c) => c.code === 'id.checkDigit')).toMatchObject({ result: 'fail', message: expect.stringContaining('校验码应为 9') });
  });

  it('says so when there is no number', () => {
    expect(readIdNumber([line('居民身份证')]).checks[0]).toMatchObject({ code: 'id.found', result: 'fail' });
  });
});
