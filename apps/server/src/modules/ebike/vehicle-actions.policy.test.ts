import { CORRECTABLE_KEYS, EBIKE_P as EP, VEHICLE_BUSINESSES, type VehicleActions } from '@shtp/core/ebike';
import { NO_PERMISSION } from '@shtp/core/platform';
import { describe, expect, it } from 'vitest';
import { EBIKE_ROLE_PROPOSALS } from './ebike.permissions.ts';
import { type Officer, vehicleActions } from './vehicle-actions.policy.ts';

const officer = (permissions: string[], path = '/1/5/', clearance = 'internal'): Officer => ({
  permissions: new Set(permissions),
  department: { path },
  user: { clearance },
});
const window = officer(EBIKE_ROLE_PROPOSALS.window_officer!);
const supervisor = officer(EBIKE_ROLE_PROPOSALS.supervisor!, '/1/5/', 'sensitive');
const normal = { stolen: false, locked: false, cancelled: false };
const history = [
  { id: 12, type: 'lock', changes: [{ item: 'locked' }], uploadStatus: 'waiting' },
  { id: 11, type: 'register', changes: [], uploadStatus: 'rejected' },
];
const allowed = (a: VehicleActions) => VEHICLE_BUSINESSES.filter((b) => a[b].allowed);

describe('a vehicle’s actions for the caller', () => {
  it('a window officer: every business the state allows except unlock; no clear view, no label', () => {
    const a = vehicleActions(window, normal, history);
    expect(allowed(a)).toEqual(['transfer', 'change', 'replace_plate', 'theft', 'correct', 'lock', 'cancel']);
    expect(a.unlock).toEqual({ allowed: false, reason: NO_PERMISSION });
    expect(a.recover).toEqual({ allowed: false, reason: '车辆不是失窃状态，无需办理找回' });
    expect(a.piiView).toEqual({ allowed: false, reason: NO_PERMISSION, fullIdPurposes: [] });
    expect(a.label).toEqual({ allowed: false, reason: NO_PERMISSION, labels: [] });
  });

  it('the permission comes first, then the state: a stolen vehicle offers recover, lock and cancel', () => {
    const a = vehicleActions(officer([EP.query, EP.transfer, EP.theft, EP.lock, EP.cancel]), { ...normal, stolen: true }, history);
    expect(allowed(a)).toEqual(['recover', 'lock', 'cancel']);
    expect(a.transfer.reason).toMatch(/被盗抢/);
    expect(a.theft.reason).toMatch(/重复/);
    expect(a.change.reason).toBe(NO_PERMISSION);
  });

  it('offers 更正 with the businesses and items it may touch, and none when the state refuses it', () => {
    expect(vehicleActions(window, normal, history).correct).toEqual({ allowed: true, targets: [{ businessId: 11, items: CORRECTABLE_KEYS }] });
    const locked = vehicleActions(window, { ...normal, locked: true, lockReason: '涉案' }, history).correct;
    expect(locked).toEqual({ allowed: false, reason: '车辆已锁定（原因：涉案），须由锁定部门解锁后才能办理业务', targets: [] });
  });

  it('offers unlock only to the locking department or one above it', () => {
    const locked = { ...normal, locked: true, lockReason: '涉案', lockDepartmentPath: '/1/5/23/', lockDepartmentName: '浦东大队' };
    expect(allowed(vehicleActions(supervisor, locked, history))).toEqual(['unlock']);
    expect(vehicleActions(officer([EP.unlock], '/1/5/23/'), locked, history).unlock.allowed).toBe(true);
    expect(vehicleActions(officer([EP.unlock], '/1/5/24/'), locked, history).unlock).toEqual({
      allowed: false,
      reason: '只有锁定部门（浦东大队）或其上级部门可以解锁',
    });
  });

  it('a cancelled vehicle offers no business, but still the clear view and the label to their holders', () => {
    const a = vehicleActions(supervisor, { ...normal, cancelled: true }, history);
    expect(allowed(a)).toEqual([]);
    expect(a.piiView).toEqual({ allowed: true, fullIdPurposes: [] });
    expect(a.label).toEqual({ allowed: true, labels: ['public', 'internal', 'sensitive'] });
  });

  it('offers the whole ID number for the purposes that justify it, to a holder of its permission', () => {
    const a = vehicleActions(officer([EP.piiView, EP.piiViewFullId]), normal, history);
    expect(a.piiView).toEqual({ allowed: true, fullIdPurposes: ['identity_check', 'case'] });
    // The full-id permission alone shows nothing.
    expect(vehicleActions(officer([EP.piiViewFullId]), normal, history).piiView.allowed).toBe(false);
  });

  it('offers the resend of the failed or rejected businesses of the history, with the upload permission', () => {
    expect(vehicleActions(window, normal, history).resend).toEqual({ allowed: true, businessIds: [11] });
    const settled = history.map((b) => ({ ...b, uploadStatus: 'done' }));
    expect(vehicleActions(window, normal, settled).resend).toEqual({ allowed: false, reason: '没有上传失败或被退回的业务', businessIds: [] });
    expect(vehicleActions(officer([EP.query]), normal, history).resend).toEqual({ allowed: false, reason: NO_PERMISSION, businessIds: [] });
  });
});
