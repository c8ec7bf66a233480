import { checkIdNumber } from '@shtp/core';
import { describe, expect, it } from 'vitest';
import { people } from './person.ts';
import { Rng } from './rng.ts';

describe('synthetic people', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    const a = [...people(new Rng(42), { count: 50 })];
    const b = [...people(new Rng(42), { count: 50 })];
    const c = [...people(new Rng(43), { count: 50 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('have valid ID numbers consistent with their sex and birth date, mobiles and Shanghai addresses', () => {
    let nonShanghai = 0;
    for (const p of people(new Rng(7), { count: 2000 })) {
      const id = checkIdNumber(p.idNumber);
      expect(id.ok, p.idNumber).toBe(true);
      if (id.ok) {
        expect(id.sex).toBe(p.sex);
        expect(id.birthDate).toBe(p.birthDate);
        expect(id.areaCode.startsWith('31')).toBe(p.shanghai);
      }
      expect(p.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(p.address.startsWith('上海市')).toBe(true);
      if (!p.shanghai) nonShanghai++;
    }
    expect(nonShanghai).toBeGreaterThan(400);
    expect(nonShanghai).toBeLessThan(800);
  });
});
