import { describe, expect, it } from 'vitest';
import { type ResendCandidate, resendBatchId, resendRefusal } from './sms-resend.policy.ts';

const message = (over: Partial<ResendCandidate>): ResendCandidate => ({
  batchId: 'PAID-1',
  state: 'undelivered',
  resendOf: null,
  kept: true,
  resentAs: null,
  ...over,
});

describe('G9 重发 policy', () => {
  it('allows an undelivered message, and a resend that was held or failed retryably', () => {
    expect(resendRefusal(message({}))).toBeNull();
    for (const state of ['quiet-hours', 'template', 'limit', 'retry'] as const) expect(resendRefusal(message({ state, resendOf: 7 })), state).toBeNull();
  });

  it('refuses what the sending module retries itself, what went out, what failed for good, and a message resent already', () => {
    for (const state of ['quiet-hours', 'template', 'limit', 'retry', 'sent', 'delivered', 'failed'] as const)
      expect(resendRefusal(message({ state })), state).toMatch(/只有未送达的短信/);
    expect(resendRefusal(message({ state: 'delivered', resendOf: 7 }))).toMatch(/只有未送达的短信/);
    expect(resendRefusal(message({ resentAs: 'PAID-1-R1' }))).toBe('该短信已重发（批次 PAID-1-R1）');
    expect(resendRefusal(message({ kept: false }))).toBe('该短信发送时未保存模板变量，不能重发');
  });

  it('numbers the resends of a chain', () => {
    expect(resendBatchId('PAID-FK2026')).toBe('PAID-FK2026-R1');
    expect(resendBatchId('PAID-FK2026-R1')).toBe('PAID-FK2026-R2');
    expect(resendBatchId('APPT-B-20261204-R9')).toBe('APPT-B-20261204-R10');
  });
});
