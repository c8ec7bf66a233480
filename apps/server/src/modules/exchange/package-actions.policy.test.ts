import { EXCHANGE_P } from '@shtp/core/exchange';
import { NO_PERMISSION } from '@shtp/core/platform';
import { describe, expect, it } from 'vitest';
import { packageActions } from './package-actions.policy.ts';

describe('packageActions', () => {
  it('offers resend of a sent package to an operator only', () => {
    const operator = new Set([EXCHANGE_P.view, EXCHANGE_P.operate]);
    expect(packageActions(operator, 'out')).toEqual({ resend: { allowed: true } });
    expect(packageActions(operator, 'in')).toEqual({ resend: { allowed: false, reason: '接收的数据包只能由发送方重发' } });
    expect(packageActions(new Set([EXCHANGE_P.view]), 'out')).toEqual({ resend: { allowed: false, reason: NO_PERMISSION } });
  });
});
