import { describe, expect, it } from 'vitest';
import { identityChanges } from './citizen-identity.policy.ts';

describe('G5 filed identity changes', () => {
  it('sees a first mapping and a new mobile number, nothing else', () => {
    const held = { accountId: null, mobileIdx: 'm1' };
    expect(identityChanges(held, { accountId: null, mobileIdx: 'm1' })).toEqual([]);
    expect(identityChanges(held, { accountId: null, mobileIdx: null })).toEqual([]);
    expect(identityChanges(held, { accountId: 7, mobileIdx: 'm2' })).toEqual(['mapped', 'mobile']);
    expect(identityChanges({ accountId: 7, mobileIdx: null }, { accountId: 8, mobileIdx: null })).toEqual([]);
    expect(identityChanges({ accountId: 7, mobileIdx: null }, { accountId: 7, mobileIdx: 'm1' })).toEqual(['mobile']);
  });
});
