import { EBIKE_BUSINESS_TYPES, EBIKE_P, type EbikeBusinessType } from '@shtp/core/ebike';
import { describe, expect, it } from 'vitest';
import { BUSINESS_PERMISSION, businessRefusal, stateRefusal, unlockRefusal } from './business.policy.ts';

const normal = { stolen: false, locked: false, cancelled: false };
const all = Object.keys(EBIKE_BUSINESS_TYPES) as EbikeBusinessType[];
const district = { path: '/1/5/' };
const locked = { ...normal, locked: true, lockReason: '涉案待查', lockDepartmentPath: '/1/5/23/', lockDepartmentName: '浦东大队' };

describe('e-bike state machine', () => {
  it('a normal vehicle accepts every business except unlock and recover', () => {
    const refused = all.filter((b) => stateRefusal(b, normal) !== null);
    expect(refused.sort()).toEqual(['recover', 'unlock']);
  });
  it('a cancelled vehicle accepts nothing', () => {
    for (const b of all.filter((x) => x !== 'register')) expect(stateRefusal(b, { ...normal, cancelled: true })).toMatch(/已注销/);
  });
  it('a locked vehicle accepts only unlock, and names the reason', () => {
    expect(all.filter((b) => b !== 'register' && stateRefusal(b, locked) === null)).toEqual(['unlock']);
    expect(stateRefusal('transfer', locked)).toContain('涉案待查');
    expect(stateRefusal('lock', { ...locked, lockReason: null })).toContain('未注明');
  });
  it('a stolen vehicle cannot be transferred, changed or re-plated, but can be recovered, cancelled or locked', () => {
    const stolen = { ...normal, stolen: true };
    for (const b of ['transfer', 'change', 'replace_plate'] as const) expect(stateRefusal(b, stolen)).toMatch(/被盗抢/);
    for (const b of ['recover', 'cancel', 'lock', 'correct'] as const) expect(stateRefusal(b, stolen)).toBeNull();
    expect(stateRefusal('theft', stolen)).toMatch(/重复/);
  });
});

describe('who may unlock', () => {
  it('the locking department and every department above it', () => {
    expect(unlockRefusal({ path: '/1/5/23/' }, locked)).toBeNull();
    expect(unlockRefusal(district, locked)).toBeNull();
    expect(unlockRefusal({ path: '/1/' }, locked)).toBeNull();
  });
  it('not a sibling or a department below it, and says which department locked it', () => {
    expect(unlockRefusal({ path: '/1/5/24/' }, locked)).toBe('只有锁定部门（浦东大队）或其上级部门可以解锁');
    expect(unlockRefusal({ path: '/1/5/23/7/' }, locked)).toMatch(/锁定部门/);
    expect(unlockRefusal({ path: '/1/6/' }, locked)).toMatch(/锁定部门/);
  });
  it('anyone with the permission when the locking department is gone', () => {
    expect(unlockRefusal({ path: '/1/6/' }, { ...locked, lockDepartmentPath: null })).toBeNull();
  });
  it('the state comes first: an unlocked vehicle is refused as such, whoever asks', () => {
    expect(businessRefusal('unlock', normal, district)).toBe('车辆未锁定，无需解锁');
    expect(businessRefusal('unlock', locked, { path: '/1/6/' })).toMatch(/锁定部门/);
    expect(businessRefusal('unlock', locked, district)).toBeNull();
    // The department matters for unlocking only.
    expect(businessRefusal('theft', normal, { path: '/1/6/' })).toBeNull();
  });
});

describe('permissions of the businesses', () => {
  it('each business has its own permission; 找回 shares the 失窃 one', () => {
    expect(BUSINESS_PERMISSION.unlock).toBe(EBIKE_P.unlock);
    expect(BUSINESS_PERMISSION.recover).toBe(EBIKE_P.theft);
    expect(BUSINESS_PERMISSION.replace_plate).toBe(EBIKE_P.replacePlate);
    expect(new Set(Object.values(BUSINESS_PERMISSION)).size).toBe(all.length - 1);
  });
});
