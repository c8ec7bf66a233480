import { describe, expect, it } from 'vitest';
import { hubPushActions, nextServiceVersion, pushRetryRefusal } from './hub.policy.ts';

const input = { serviceCode: 'SHJJ-WF-JK', name: '交通违法缴款', category: '违法处理', onlineUrl: 'https://jj.example.gov.cn/pay', status: 'online' as const };

describe('G4 hub policy', () => {
  it('lets a refused or a failing push be retried, not a sent, superseded or untried one', () => {
    expect(pushRetryRefusal({ state: 'failed', lastError: '拒收' })).toBeNull();
    expect(pushRetryRefusal({ state: 'pending', lastError: '超时' })).toBeNull();
    expect(pushRetryRefusal({ state: 'pending', lastError: null })).toBe('正在推送，请稍候');
    expect(pushRetryRefusal({ state: 'sent', lastError: null })).toBe('已推送至一网通办，无需重新推送');
    expect(pushRetryRefusal({ state: 'superseded', lastError: null })).toBe('已有更新的版本推送至一网通办，无需重新推送');
    expect(hubPushActions(new Set(), { state: 'failed', lastError: 'x' }).retry.allowed).toBe(false);
    expect(hubPushActions(new Set(['publishing:hub']), { state: 'failed', lastError: 'x' }).retry).toEqual({ allowed: true });
  });

  it('numbers a registration: 1 first, the same when unchanged, the next on any change', () => {
    expect(nextServiceVersion(undefined, input)).toEqual({ version: 1, changed: true });
    expect(nextServiceVersion({ ...input, version: 3, state: 'registered' }, input)).toEqual({ version: 3, changed: false });
    expect(nextServiceVersion({ ...input, version: 3, state: 'registered' }, { ...input, status: 'offline' })).toEqual({ version: 4, changed: true });
  });

  it('registers a seeded draft as its own version, changed or not (it was never sent)', () => {
    expect(nextServiceVersion({ ...input, version: 1, state: 'draft' }, input)).toEqual({ version: 1, changed: true });
    expect(nextServiceVersion({ ...input, version: 1, state: 'draft' }, { ...input, onlineUrl: 'https://jj.sh.example/pay' })).toEqual({
      version: 1,
      changed: true,
    });
  });
});
