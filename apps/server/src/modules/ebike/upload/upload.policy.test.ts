import { EBIKE_P } from '@shtp/core/ebike';
import { NO_PERMISSION } from '@shtp/core/platform';
import { describe, expect, it } from 'vitest';
import { resendRefusal, uploadActions } from './upload.policy.ts';

describe('resending an upload', () => {
  it('only a failed one', () => {
    expect(resendRefusal('failed')).toBeNull();
    for (const status of ['pending', 'uploading', 'done']) expect(resendRefusal(status)).toBe('只有上传失败的业务可以重新上传');
  });
  it('only by a holder of ebike:upload:resend', () => {
    const holder = new Set([EBIKE_P.uploadList, EBIKE_P.uploadResend]);
    expect(uploadActions(holder, 'failed')).toEqual({ resend: { allowed: true } });
    expect(uploadActions(holder, 'done')).toEqual({ resend: { allowed: false, reason: '只有上传失败的业务可以重新上传' } });
    expect(uploadActions(new Set([EBIKE_P.uploadList]), 'failed')).toEqual({ resend: { allowed: false, reason: NO_PERMISSION } });
  });
});
