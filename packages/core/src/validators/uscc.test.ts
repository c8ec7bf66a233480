import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTaxpayerId, checkUscc, organisationCodeCheckChar, USCC_CHARSET, usccCheckChar } from './uscc.ts';

const VALID = ['91310115MA1FL0Q10W', '914403007084325A5M', '91320100MA1XK7P22R'];

describe('GB 32100 unified social credit code', () => {
  it('accepts the synthetic examples of VALIDATORS.md and splits them', () => {
    for (const c of VALID) expect(checkUscc(c).ok, c).toBe(true);
    expect(checkUscc('91310115MA1FL0Q10W')).toEqual({
      ok: true,
      value: '91310115MA1FL0Q10W',
      authority: '9',
      entityType: '1',
      areaCode: '310115',
      areaKnown: true,
      organisationCode: 'MA1FL0Q10',
    });
  });

  it('normalises O→0, I→1, lower case, full-width, spaces and hyphens (the measured tesseract misreading)', () => {
    expect(checkUscc('91310115MA1FLOQ10W')).toMatchObject({ ok: true, value: '91310115MA1FL0Q10W' });
    expect(checkUscc('9131O115MAIFLOQIOW')).toMatchObject({ ok: true, value: '91310115MA1FL0Q10W' });
    expect(checkUscc(' ９１３１０１１５ma1fl0q10w ')).toMatchObject({ ok: true, value: '91310115MA1FL0Q10W' });
    expect(checkUscc('91310115-MA1FL0Q1-0W')).toMatchObject({ ok: true });
  });

  it('refuses bad formats, a bad GB 11714 inner check and a bad MOD 31 check with Chinese messages', () => {
    expect(checkUscc('91310115MA1FL0Q10')).toMatchObject({ ok: false, problem: 'format' });
    expect(checkUscc('91310115MA1FL0Q10Z')).toMatchObject({ ok: false, problem: 'format' }); // Z is not in the set
    expect(checkUscc('9131A115MA1FL0Q10W')).toMatchObject({ ok: false, problem: 'format' }); // area must be digits
    expect(checkUscc('91310115MA1FL0Q1AW')).toMatchObject({ ok: false, problem: 'format' }); // position 17 is 0-9 or X
    // inner check wrong but the outer check recomputed to match: only GB 11714 catches it
    const body = '91310115MA1FL0Q12';
    expect(checkUscc(body + usccCheckChar(body))).toEqual({ ok: false, problem: 'organisation-check', message: '统一社会信用代码中的组织机构代码校验位错误' });
    expect(checkUscc('91310115MA1FL0Q10X')).toEqual({ ok: false, problem: 'check', message: '统一社会信用代码校验位错误' });
  });

  it('computes the GB 11714 check with X and 0 cases', () => {
    expect(organisationCodeCheckChar('MA1FL0Q1')).toBe('0');
    expect(organisationCodeCheckChar('7084325A')).toBe('5');
    expect(organisationCodeCheckChar('MA1XK7P2')).toBe('2');
  });

  it('refuses every single-character substitution of a valid code', () => {
    for (const valid of VALID) {
      for (let i = 0; i < 18; i++) {
        for (const c of USCC_CHARSET) {
          if (c === valid[i]) continue;
          const mutated = valid.slice(0, i) + c + valid.slice(i + 1);
          expect(checkUscc(mutated).ok, mutated).toBe(false);
        }
      }
    }
  });

  it('property: generated valid codes pass and any single substitution fails', () => {
    const ch = fc.constantFrom(...USCC_CHARSET);
    const code = fc
      .tuple(fc.constantFrom('91', '92', '12', '51', 'Y1'), fc.constantFrom('310115', '310101', '440300'), fc.array(ch, { minLength: 8, maxLength: 8 }))
      .map(([head, area, b]) => {
        const body = b.join('');
        const f17 = head + area + body + organisationCodeCheckChar(body);
        return f17 + usccCheckChar(f17);
      });
    fc.assert(
      fc.property(code, fc.nat(17), ch, (valid, i, c) => {
        expect(checkUscc(valid).ok, valid).toBe(true);
        fc.pre(valid[i] !== c);
        expect(checkUscc(valid.slice(0, i) + c + valid.slice(i + 1)).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('纳税人识别号 of a 税务登记证', () => {
  it('takes the USCC form and the pre-2015 15-character form (area code + GB 11714 organisation code)', () => {
    expect(checkTaxpayerId('91310115MA1FL0Q10W')).toEqual({
      ok: true,
      value: '91310115MA1FL0Q10W',
      form: 'uscc',
      areaCode: '310115',
      organisationCode: 'MA1FL0Q10',
    });
    expect(checkTaxpayerId('310115 MA1FL0Q10')).toEqual({
      ok: true,
      value: '310115MA1FL0Q10',
      form: 'pre-2015',
      areaCode: '310115',
      organisationCode: 'MA1FL0Q10',
    });
    expect(checkTaxpayerId('31011570843254X'.replace('X', organisationCodeCheckChar('70843254')))).toMatchObject({ ok: true, form: 'pre-2015' });
  });

  it('refuses another length, a bad organisation check and a bad USCC with Chinese messages', () => {
    expect(checkTaxpayerId('310115MA1FL0Q1')).toMatchObject({ ok: false, problem: 'format', message: expect.stringContaining('15 位') });
    expect(checkTaxpayerId('310115MA1FL0Q12')).toEqual({ ok: false, problem: 'organisation-check', message: '纳税人识别号中的组织机构代码校验位错误' });
    expect(checkTaxpayerId('91310115MA1FL0Q10X')).toMatchObject({ ok: false, problem: 'check', message: '纳税人识别号校验位错误' });
  });
});
