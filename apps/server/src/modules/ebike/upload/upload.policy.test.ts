import { EBIKE_P } from '@shtp/core/ebike';
import { NO_PERMISSION } from '@shtp/core/platform';
import { describe, expect, it } from 'vitest';
import { repairRefusal, resendRefusal, uploadActions } from './upload.policy.ts';

describe('resending an upload', () => {
  it('only a failed or rejected one', () => {
    expect(resendRefusal('failed')).toBeNull();
    expect(resendRefusal('rejected')).toBeNull();
    for (const status of ['pending', 'uploading', 'done', 'waiting', 'repaired']) expect(resendRefusal(status)).toBe('只有上传失败或被退回的业务可以重新上传');
  });
  it('repair through 更正 only of a rejected one, by a holder of ebike:correct', () => {
    expect(repairRefusal('rejected')).toBeNull();
    for (const status of ['pending', 'failed', 'done', 'waiting']) expect(repairRefusal(status)).toBe('只有被六合一退回的业务需要更正重报');
    expect(uploadActions(new Set([EBIKE_P.correct]), 'rejected').repair).toEqual({ allowed: true });
    expect(uploadActions(new Set([EBIKE_P.uploadList]), 'rejected').repair).toEqual({ allowed: false, reason: NO_PERMISSION });
  });
  it('only by a holder of ebike:upload:resend', () => {
    const holder = new Set([EBIKE_P.uploadList, EBIKE_P.uploadResend]);
    expect(uploadActions(holder, 'failed').resend).toEqual({ allowed: true });
    expect(uploadActions(holder, 'done').resend).toEqual({ allowed: false, reason: '只有上传失败或被退回的业务可以重新上传' });
    expect(uploadActions(new Set([EBIKE_P.uploadList]), 'failed').resend).toEqual({ allowed: false, reason: NO_PERMISSION });
  });
});
