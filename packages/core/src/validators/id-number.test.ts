import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar } from './id-number.ts';

describe('GB 11643 ID number', () => {
  it('accepts the specimens of the standard and the synthetic examples of VALIDATORS.md', () => {
    for (const id of ['11010519491231002X', '440524188001010014', '310115199003071239', '440305198511224564', '110105200112310724']) {
      expect(checkIdNumber(id).ok, id).toBe(true);
    }
    expect(checkIdNumber('310115199003071239')).toMatchObject({ birthDate: '1990-03-07', sex: 'M', areaCode: '310115' });
  });

  it('normalises OCR variants of X, full-width digits and spaces', () => {
    expect(checkIdNumber('11010519491231002x')).toMatchObject({ ok: true, value: '11010519491231002X', sex: 'F' });
    expect(checkIdNumber('11010519491231002×').ok).toBe(true);
    expect(checkIdNumber(' ３１０１１５ 199003071239 ').ok).toBe(true);
  });

  it('refuses every single-digit substitution, bad dates and bad formats with a Chinese message', () => {
    const valid = '310115199003071239';
    for (let i = 0; i < 18; i++) {
      for (const c of '0123456789X') {
        if (c === valid[i] || (i < 17 && c === 'X')) continue;
        const mutated = valid.slice(0, i) + c + valid.slice(i + 1);
        expect(checkIdNumber(mutated).ok, mutated).toBe(false);
      }
    }
    const badDate = `31011519900230${'123'}`;
    expect(checkIdNumber(badDate + idNumberCheckChar(badDate))).toEqual({ ok: false, message: '身份证号码中的出生日期无效' });
    expect(checkIdNumber('31011519900307123')).toMatchObject({ ok: false });
    expect(checkIdNumber('310115199003071238')).toEqual({ ok: false, message: '身份证号码校验位错误' });
  });
});
