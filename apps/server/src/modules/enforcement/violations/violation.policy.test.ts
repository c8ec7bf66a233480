import { codeTableOn } from '@shtp/core/enforcement';
import { describe, expect, it } from 'vitest';
import { dailyCapRefusal, firstViolation, kindRefusal, paymentDueDate } from './violation.policy.ts';

const table = codeTableOn('2026-12-02');
const code = (c: string) => table.violations.find((v) => v.code === c)!;
const facts = { code: code('2004'), eligibleCodes: ['2004'], priorSameCode: 0, months: 12, corrected: true, harm: false };

describe('首违免罚', () => {
  it('applies to a listed, minor, corrected first violation, saying why', () => {
    const d = firstViolation(facts);
    expect(d.eligible).toBe(true);
    expect(d.reasons[0]).toBe('该违法符合首违警告情形，适用警告处罚');
  });
  it('gives every failed condition as a reason', () => {
    expect(firstViolation({ ...facts, priorSameCode: 1 })).toEqual({ eligible: false, reasons: ['12 个月内已有同一违法行为记录 1 次，不属首次'] });
    const d = firstViolation({ ...facts, code: code('1625'), eligibleCodes: [], corrected: false, harm: true });
    expect(d.eligible).toBe(false);
    expect(d.reasons).toEqual(['违法代码 1625 不在首违免罚适用清单中', '该违法记 6 分，不属轻微违法', '违法状态未当场纠正', '已造成危害后果']);
  });
  it('follows the configured list', () => {
    expect(firstViolation({ ...facts, eligibleCodes: ['2007'] }).eligible).toBe(false);
  });
});

describe('ticket kind and daily cap', () => {
  const ok = { eligible: true, reasons: [] };
  it('refuses a warning for a code that allows none, and a fine outside the range or above 200', () => {
    expect(kindRefusal('warning', code('1625'), { eligible: false, reasons: [] }, undefined)).toBe('违法代码 1625 依法不适用警告');
    expect(kindRefusal('warning', code('2004'), ok, undefined)).toBeNull();
    expect(kindRefusal('decision', code('2004'), ok, 10)).toBe('罚款金额须在 20–50 元之间');
    expect(kindRefusal('decision', code('2004'), ok, undefined)).toBe('简易程序处罚决定书须填写罚款金额');
    expect(kindRefusal('decision', code('5091'), ok, 500)).toBe('罚款超过 200 元不适用简易程序');
    expect(kindRefusal('decision', code('2004'), ok, 50)).toBeNull();
  });
  it('refuses at the cap', () => {
    expect(dailyCapRefusal(49, 50)).toBeNull();
    expect(dailyCapRefusal(50, 50)).toBe('民警当日开具的简易程序已达 50 份上限');
  });
});

describe('payment period', () => {
  it('counts calendar days from the day of the decision, across months and leap days', () => {
    expect(paymentDueDate('2026-12-02', 15)).toBe('2026-12-17');
    expect(paymentDueDate('2026-12-20', 15)).toBe('2027-01-04');
    expect(paymentDueDate('2028-02-20', 15)).toBe('2028-03-06');
  });
});
