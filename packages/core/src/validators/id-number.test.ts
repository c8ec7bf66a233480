import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaCodeStatus } from './area-code.ts';
import { checkIdNumber, idNumberCheckChar } from './id-number.ts';

const VALID = ['11010519491231002X', '440524188001010014', '310115199003071239', '440305198511224564', '110105200112310724'];
const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

describe('GB 11643 ID number', () => {
  it('accepts the specimens of the standard and the synthetic examples of VALIDATORS.md', () => {
    for (const id of VALID) expect(checkIdNumber(id).ok, id).toBe(true);
    expect(checkIdNumber('310115199003071239')).toEqual({
      ok: true,
      value: '310115199003071239',
      birthDate: '1990-03-07',
      sex: 'M',
      areaCode: '310115',
      areaAbolished: false,
    });
    expect(checkIdNumber('11010519491231002X')).toMatchObject({ sex: 'F', birthDate: '1949-12-31' });
  });

  it('normalises OCR and typing variants: x, ×, full-width, spaces', () => {
    expect(checkIdNumber('11010519491231002x')).toMatchObject({ ok: true, value: '11010519491231002X', sex: 'F' });
    expect(checkIdNumber('11010519491231002×')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber('11010519491231002Ｘ')).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber(' ３１０１１５ 1990 0307 1239\u3000')).toMatchObject({ ok: true, value: '310115199003071239' });
  });

  it('accepts abolished area codes and flags them (卢湾 310103, 闸北 310108, 崇明县 310230)', () => {
    for (const area of ['310103', '310108', '310230']) {
      expect(areaCodeStatus(area)).toBe('abolished');
      expect(checkIdNumber(withCheck(`${area}19800101001`))).toMatchObject({ ok: true, areaCode: area, areaAbolished: true });
    }
    expect(checkIdNumber('440524188001010014')).toMatchObject({ ok: true, areaAbolished: true }); // the standard's own specimen
    expect(checkIdNumber(withCheck('31010119800101001'))).toMatchObject({ ok: true, areaAbolished: false });
  });

  it('refuses unknown area codes, impossible or future birth dates, bad formats and bad check characters', () => {
    expect(checkIdNumber(withCheck('31019919800101001'))).toEqual({ ok: false, problem: 'area', message: '身份证号码中的行政区划代码不存在' });
    expect(checkIdNumber(withCheck('99000019800101001'))).toMatchObject({ ok: false, problem: 'area' });
    expect(checkIdNumber(withCheck('31011519900230123'))).toEqual({ ok: false, problem: 'date', message: '身份证号码中的出生日期无效' });
    expect(checkIdNumber(withCheck('31011519000229123'))).toMatchObject({ problem: 'date' }); // 1900 is not a leap year
    expect(checkIdNumber(withCheck('31011520000229123'))).toMatchObject({ ok: true });
    expect(checkIdNumber(withCheck('31011518791231123'))).toMatchObject({ problem: 'date' });
    const today = new Date('2025-06-30T20:00:00Z'); // 2025-07-01 04:00 in Shanghai
    expect(checkIdNumber(withCheck('31011520250701123'), { today })).toMatchObject({ ok: true });
    expect(checkIdNumber(withCheck('31011520250702123'), { today })).toMatchObject({ problem: 'date' });
    expect(checkIdNumber('31011519900307123')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkIdNumber('3101151990030712391')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkIdNumber('3101151990030712X9')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkIdNumber('310115199003071238')).toEqual({ ok: false, problem: 'check', message: '身份证号码校验位错误' });
    expect(checkIdNumber('310115199003071238', { label: '代理人身份证号码' })).toMatchObject({ message: '代理人身份证号码校验位错误' });
  });

  it('refuses every single-character substitution of a valid number (exhaustive over 0-9 and X)', () => {
    for (const valid of VALID) {
      for (let i = 0; i < 18; i++) {
        for (const c of '0123456789X') {
          if (c === valid[i]) continue;
          const mutated = valid.slice(0, i) + c + valid.slice(i + 1);
          expect(checkIdNumber(mutated).ok, mutated).toBe(false);
        }
      }
    }
  });

  it('property: generated valid numbers pass, and any single substitution fails', () => {
    const first17 = fc
      .tuple(
        fc.constantFrom('310115', '310101', '310103', '110105', '440305', '320583'),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([area, d, seq]) => `${area}${d.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`);
    fc.assert(
      fc.property(first17, fc.nat(17), fc.constantFrom(...'0123456789X'), (f17, i, c) => {
        const valid = withCheck(f17);
        expect(checkIdNumber(valid).ok).toBe(true);
        fc.pre(valid[i] !== c);
        expect(checkIdNumber(valid.slice(0, i) + c + valid.slice(i + 1)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
