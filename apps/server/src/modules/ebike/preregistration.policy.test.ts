import { describe, expect, it } from 'vitest';
import { EP } from './ebike.permissions.ts';
import { decideRefusal, preregistrationActions, registerRefusal } from './preregistration.policy.ts';

const window = { permissions: new Set([EP.register]) };

describe('pre-registration decision policy', () => {
  it('decides a submitted pre-registration once, with the window permission', () => {
    expect(decideRefusal({ status: 'submitted' })).toBeNull();
    expect(decideRefusal({ status: 'accepted' })).toBe('该预登记已处理');
    expect(preregistrationActions(window, { status: 'submitted', lsh: null }).decide).toEqual({ allowed: true });
    expect(preregistrationActions(window, { status: 'returned', lsh: null }).decide.allowed).toBe(false);
    expect(preregistrationActions({ permissions: new Set() }, { status: 'submitted', lsh: null }).decide.allowed).toBe(false);
  });

  it('registers an accepted pre-registration once, for the owner who filed it', () => {
    expect(registerRefusal({ status: 'accepted', lsh: null })).toBeNull();
    expect(registerRefusal({ status: 'submitted', lsh: null })).toBe('请先受理该预登记，再办理注册登记');
    expect(registerRefusal({ status: 'returned', lsh: null })).toBe('已退回的预登记不能办理注册登记');
    expect(registerRefusal({ status: 'registered', lsh: 'NM1' })).toBe('该预登记已登记（流水号 NM1），不能重复登记');
    expect(registerRefusal({ status: 'accepted', lsh: null }, { registering: 'A', filed: 'B' })).toBe('所有人身份证号码与预登记不一致，不能按该预登记办理');
    expect(registerRefusal({ status: 'accepted', lsh: null }, { registering: 'A', filed: 'A' })).toBeNull();
    expect(preregistrationActions(window, { status: 'accepted', lsh: null }).register).toEqual({ allowed: true });
    expect(preregistrationActions(window, { status: 'registered', lsh: 'NM1' }).register.allowed).toBe(false);
    expect(preregistrationActions({ permissions: new Set() }, { status: 'accepted', lsh: null }).register.allowed).toBe(false);
  });
});
