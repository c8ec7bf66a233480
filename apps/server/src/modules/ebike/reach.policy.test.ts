import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { reachRefusal } from './reach.policy.ts';

/** A principal of the district detachment /1/5/, with one data scope and a clearance. */
const principal = (dataScope: Principal['roles'][number]['dataScope'], clearance = 'internal'): Principal => ({
  user: { id: 9, clearance } as Principal['user'],
  department: { id: 5, name: '浦东交警支队', path: '/1/5/' },
  roles: [{ id: 1, code: 'window_officer', name: '窗口民警', dataScope, adminKind: null }],
  permissions: new Set(),
});

describe('which vehicles are within reach (AC-5, AC-6)', () => {
  it('a vehicle of the own department or one below, within the clearance', () => {
    expect(reachRefusal(principal('dept_and_children'), { departmentPath: '/1/5/23/', securityLabel: 'internal' })).toBeNull();
    expect(reachRefusal(principal('dept'), { departmentPath: '/1/5/', securityLabel: 'public' })).toBeNull();
    expect(reachRefusal(principal('all'), { departmentPath: '/1/6/', securityLabel: 'internal' })).toBeNull();
  });
  it('not a vehicle outside the data scope', () => {
    expect(reachRefusal(principal('dept_and_children'), { departmentPath: '/1/6/', securityLabel: 'internal' })).toBe('车辆不在用户的数据范围内');
    expect(reachRefusal(principal('dept'), { departmentPath: '/1/5/23/', securityLabel: 'internal' })).toBe('车辆不在用户的数据范围内');
  });
  it('not a vehicle labelled above the clearance, naming both labels', () => {
    expect(reachRefusal(principal('all'), { departmentPath: '/1/5/', securityLabel: 'sensitive' })).toBe('车辆安全标记为“敏感”，高于用户的安全标记“内部”');
    expect(reachRefusal(principal('all', 'confidential'), { departmentPath: '/1/5/', securityLabel: 'sensitive' })).toBeNull();
  });
});
