import { ENFORCEMENT_P as FP } from '@shtp/core/enforcement';
import { NO_PERMISSION } from '@shtp/core/platform';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import {
  changedFields,
  correctedSources,
  correctionProblems,
  recordReachRefusal,
  resendRefusal,
  standardUploadActions,
  unchangedRefusal,
} from './standard-upload.policy.ts';

const supervisor = (dataScope: Principal['roles'][number]['dataScope']): Principal => ({
  user: { id: 9 } as Principal['user'],
  department: { id: 5, name: '黄浦交警支队', path: '/1/5/' },
  roles: [{ id: 1, code: 'supervisor', name: '审核民警', dataScope, adminKind: null }],
  permissions: new Set([FP.list, FP.standardUploadResend]),
});

describe('更正后重新上传 (P3/P6)', () => {
  it('resends only a rejected record, with the permission', () => {
    expect(resendRefusal('rejected')).toBeNull();
    expect(resendRefusal('done')).toBe('该记录已上传并取得回执，无需重新上传');
    expect(resendRefusal('pending')).toBe('该记录正在上传或等待重试，请稍后查看结果');
    expect(resendRefusal(null)).toBe('该记录尚未上传，不能重新上传');
    const holder = supervisor('all').permissions;
    expect(standardUploadActions(holder, 'rejected').resend).toEqual({ allowed: true });
    expect(standardUploadActions(holder, 'done').resend).toEqual({ allowed: false, reason: '该记录已上传并取得回执，无需重新上传' });
    expect(standardUploadActions(new Set([FP.list]), 'rejected').resend).toEqual({ allowed: false, reason: NO_PERMISSION });
  });

  it('reaches the records of the data scope only', () => {
    expect(recordReachRefusal(supervisor('dept_and_children'), { departmentPath: '/1/5/23/', officerId: 40 })).toBeNull();
    expect(recordReachRefusal(supervisor('dept_and_children'), { departmentPath: '/1/6/', officerId: 40 })).toBe('记录不在本人数据范围内');
    expect(recordReachRefusal(supervisor('self'), { departmentPath: '/1/5/', officerId: 40 })).toBe('记录不在本人数据范围内');
    expect(recordReachRefusal(supervisor('self'), { departmentPath: '/1/5/', officerId: 9 })).toBeNull();
  });

  it('refuses a record sent again as it was rejected, not one corrected or in another format', () => {
    expect(unchangedRefusal('d1', 'd1')).toMatch(/^记录自被退回后未作任何更正/);
    expect(unchangedRefusal('d1', 'd2')).toBeNull();
    expect(unchangedRefusal(null, 'd2')).toBeNull();
  });

  it('names the corrected fields and maps them to the upload', () => {
    const current = { deviceCode: 'ALC-1', place: '人民路', plate: null };
    expect(changedFields('breath', current, { deviceCode: 'ALC-1', place: '人民路' })).toEqual([]);
    expect(changedFields('breath', current, { deviceCode: 'ALC-1', place: '人民路', plate: '' })).toEqual([]);
    expect(changedFields('breath', current, { deviceCode: 'ALC-2', place: '人民路', plate: '沪A12345' })).toEqual(['deviceCode', 'plate']);
    expect(correctedSources('blood', { sampleNo: 'XY-1', institution: '六院' })).toEqual({ sampleNo: 'XY-1', institution: '六院' });
    expect(correctedSources('breath', { deviceCode: 'ALC-2', place: '人民路', plate: '' })).toEqual({ testerCode: 'ALC-2', place: '人民路', plate: null });
  });

  it('gives the format problems of a correction per field, in Chinese', () => {
    const problems = correctionProblems(
      'blood',
      'assumed-2026',
      [
        { from: 'sampleNo', name: 'YBBH', kind: 'too-long', maxLength: 32 },
        { from: 'officerName', name: 'MJXM', kind: 'required' },
      ],
      { sampleNoTaken: false },
    );
    expect(problems).toEqual([
      { field: 'sampleNo', message: '样本编号不能超过 32 个字符（上传格式 assumed-2026）' },
      { field: 'record', message: '上传字段 MJXM（officerName）必须填写，不能在此更正，请联系系统管理员' },
    ]);
    expect(correctionProblems('breath', 'v', [{ from: 'testerCode', name: 'YQBH', kind: 'required' }], { sampleNoTaken: false })).toEqual([
      { field: 'deviceCode', message: '测试仪编号必须填写（上传格式 v）' },
    ]);
    expect(correctionProblems('blood', 'v', [], { sampleNoTaken: true })).toEqual([{ field: 'sampleNo', message: '样本编号已被另一份血液样本使用' }]);
    expect(correctionProblems('blood', 'v', [], { sampleNoTaken: false })).toEqual([]);
  });
});
