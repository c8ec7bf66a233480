import { maskRecord } from '@shtp/core/masking';
import { describe, expect, it } from 'vitest';
import type { StaffChange } from '../../system/system.api.ts';
import { policeUsersDataSet, roleMapping, staffRecords } from './police-users.dataset.ts';

const user = (id: number, roleCodes: string[], enabled = true): StaffChange => ({
  id,
  username: `user${id}`,
  displayName: '王小明',
  enabled,
  departmentCode: '310101000000',
  roleCodes,
  version: 1_000 + id,
  changedAt: '2026-12-03 10:00:00.000001+00',
});

describe('police-users data set', () => {
  const mapping = roleMapping(['supervisor|web_reviewer', 'supervisor|citizen_service', 'officer|web_editor']);

  it('sends an enabled account with a mapped role, its internet roles, and nothing of other accounts', () => {
    const records = staffRecords([user(1, ['supervisor', 'auditor']), user(2, ['auditor'])], mapping, new Set());
    expect(records).toEqual([
      {
        key: 'police-user-1',
        version: 1001,
        data: { username: 'user1', displayName: '王小明', departmentCode: '310101000000', roles: ['citizen_service', 'web_reviewer'], status: 'active' },
      },
    ]);
  });

  it('sends a disabled (or no longer mapped) account only as disabled, and only if it crossed before', () => {
    const changed = [user(1, ['supervisor'], false), user(2, []), user(3, ['officer'], false)];
    expect(staffRecords(changed, mapping, new Set(['police-user-1', 'police-user-2']))).toEqual([
      { key: 'police-user-1', version: 1001, data: { status: 'disabled' } },
      { key: 'police-user-2', version: 1002, data: { status: 'disabled' } },
    ]);
  });

  it('carries an initial password the officer asked for, only on an active record', () => {
    const issued = new Map([
      [1, { password: 'Ab3@xyzXYZ2345', issuedAt: '2026-12-03T10:00:00.000Z' }],
      [3, { password: 'Cd4@xyzXYZ2345', issuedAt: '2026-12-03T10:00:00.000Z' }],
    ]);
    const [active, disabled] = staffRecords([user(1, ['supervisor']), user(3, ['supervisor'], false)], mapping, new Set(['police-user-3']), issued);
    expect(active!.data).toMatchObject({ status: 'active', initialPassword: 'Ab3@xyzXYZ2345', initialPasswordIssuedAt: '2026-12-03T10:00:00.000Z' });
    expect(disabled!.data).toEqual({ status: 'disabled' });
  });

  it('masks the name and lets no other account field leave', () => {
    const { rules } = policeUsersDataSet(
      () => {
        throw new Error('not read');
      },
      async () => [],
      async () => new Set(),
      async () => new Map(),
    );
    const out = maskRecord({ username: 'user1', displayName: '王小明', policeNo: '012345', passwordHash: 'x', roles: ['web_editor'], status: 'active' }, rules);
    expect(out.record).toEqual({ username: 'user1', displayName: '王**', roles: ['web_editor'], status: 'active' });
    expect(out.dropped.sort()).toEqual(['passwordHash', 'policeNo']);
  });
});
