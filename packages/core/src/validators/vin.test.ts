import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVin, vinCharValue, vinCheckChar } from './vin.ts';

const VALID = ['1M8GDM9AXKP042788', 'LSVAU2187N2123456', 'LFV3A23C7K3012345', 'WDDSJ4EB7JN123456', 'LRW3E7FAXMC654321'];
const CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

describe('ISO 3779 VIN', () => {
  it("accepts Wikipedia's example and the synthetic examples of VALIDATORS.md", () => {
    for (const v of VALID) expect(checkVin(v).ok, v).toBe(true);
    expect(vinCheckChar('1M8GDM9AXKP042788')).toBe('X');
    expect(checkVin('LSVAU2187N2123456')).toEqual({ ok: true, value: 'LSVAU2187N2123456', wmi: 'LSV', vds: 'AU2187', vis: 'N2123456' });
  });

  it('normalises case, full-width characters, spaces and hyphens', () => {
    expect(checkVin(' lsvau2187n2123456 ')).toMatchObject({ ok: true, value: 'LSVAU2187N2123456' });
    expect(checkVin('ＬＳＶＡＵ２１８７Ｎ２１２３４５６')).toMatchObject({ ok: true });
    expect(checkVin('LSV AU2187-N2123456')).toMatchObject({ ok: true });
  });

  it('refuses I, O, Q, wrong lengths and a wrong check digit', () => {
    expect(checkVin('LSVAU2187N212345')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkVin('LSVAU2187N21234567')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkVin('LSVOU2187N2123456')).toMatchObject({
      ok: false,
      problem: 'format',
      message: '车辆识别代号须为 17 位，由数字和大写字母（不含 I、O、Q）组成',
    });
    expect(checkVin('LSVIU2187N2123456')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkVin('LSVQU2187N2123456')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkVin('LSVAU2186N2123456')).toEqual({ ok: false, problem: 'check', message: '车辆识别代号校验位（第 9 位）错误' });
  });

  it('refuses every single substitution that changes the transliterated value (ISO 3779 cannot see A↔J↔1 and the like)', () => {
    for (const valid of VALID) {
      for (let i = 0; i < 17; i++) {
        for (const c of CHARS) {
          if (c === valid[i]) continue;
          const mutated = valid.slice(0, i) + c + valid.slice(i + 1);
          const sameValue = i !== 8 && vinCharValue(c) === vinCharValue(valid[i]!);
          expect(checkVin(mutated).ok, mutated).toBe(sameValue);
        }
      }
    }
  });

  it('property: generated valid VINs pass and value-changing substitutions fail', () => {
    const ch = fc.constantFrom(...CHARS);
    const vin = fc.array(ch, { minLength: 17, maxLength: 17 }).map((a) => {
      const s = a.join('');
      return s.slice(0, 8) + vinCheckChar(s) + s.slice(9);
    });
    fc.assert(
      fc.property(vin, fc.nat(16), ch, (valid, i, c) => {
        expect(checkVin(valid).ok).toBe(true);
        fc.pre(valid[i] !== c && (i === 8 || vinCharValue(c) !== vinCharValue(valid[i]!)));
        expect(checkVin(valid.slice(0, i) + c + valid.slice(i + 1)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
