import { EBIKE_BUSINESS_TYPES, type EbikeBusinessType } from '@shtp/core/ebike';
import { describe, expect, it } from 'vitest';
import { refusal, statusCodes } from './ebike-state.ts';

const normal = { stolen: false, locked: false, cancelled: false };
const all = Object.keys(EBIKE_BUSINESS_TYPES) as EbikeBusinessType[];

describe('e-bike state machine', () => {
  it('a normal vehicle accepts every business except unlock and recover', () => {
    const refused = all.filter((b) => refusal(b, normal) !== null);
    expect(refused.sort()).toEqual(['recover', 'unlock']);
  });
  it('a cancelled vehicle accepts nothing', () => {
    for (const b of all.filter((x) => x !== 'register')) expect(refusal(b, { ...normal, cancelled: true })).toMatch(/已注销/);
  });
  it('a locked vehicle accepts only unlock, and names the reason', () => {
    const locked = { ...normal, locked: true, lockReason: '涉案待查' };
    expect(all.filter((b) => b !== 'register' && refusal(b, locked) === null)).toEqual(['unlock']);
    expect(refusal('transfer', locked)).toContain('涉案待查');
  });
  it('a stolen vehicle cannot be transferred, changed or re-plated, but can be recovered, cancelled or locked', () => {
    const stolen = { ...normal, stolen: true };
    for (const b of ['transfer', 'change', 'replace_plate'] as const) expect(refusal(b, stolen)).toMatch(/被盗抢/);
    for (const b of ['recover', 'cancel', 'lock', 'correct'] as const) expect(refusal(b, stolen)).toBeNull();
    expect(refusal('theft', stolen)).toMatch(/重复/);
  });
  it('derives the 六合一 status codes', () => {
    expect(statusCodes(normal)).toBe('A');
    expect(statusCodes({ ...normal, stolen: true, locked: true })).toBe('CO');
    expect(statusCodes({ ...normal, cancelled: true, stolen: true })).toBe('E');
  });
});
