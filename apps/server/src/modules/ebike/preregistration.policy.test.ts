import { describe, expect, it } from 'vitest';
import { EP } from './ebike.permissions.ts';
import { decideRefusal, preregistrationActions } from './preregistration.policy.ts';

describe('pre-registration decision policy', () => {
  it('decides a submitted pre-registration once, with the window permission', () => {
    expect(decideRefusal({ status: 'submitted' })).toBeNull();
    expect(decideRefusal({ status: 'accepted' })).toBe('该预登记已处理');
    expect(preregistrationActions({ permissions: new Set([EP.register]) }, { status: 'submitted' }).decide).toEqual({ allowed: true });
    expect(preregistrationActions({ permissions: new Set([EP.register]) }, { status: 'returned' }).decide.allowed).toBe(false);
    expect(preregistrationActions({ permissions: new Set() }, { status: 'submitted' }).decide.allowed).toBe(false);
  });
});
