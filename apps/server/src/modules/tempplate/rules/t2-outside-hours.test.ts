import { describe, expect, it } from 'vitest';
import { input } from './rule-test-facts.ts';
import { t2OutsideHours as rule } from './t2-outside-hours.ts';

describe('T2 outside working hours', () => {
  it('fires for an issue on a public holiday, naming it', () => {
    const at = new Date('2025-10-01T03:00:00Z'); // 国庆, 11:00
    const hit = rule.evaluate(input({ business: { acceptedAt: at, issuedAt: at } }));
    expect(hit?.severity).toBe('medium');
    expect(hit?.summary).toContain('国庆');
  });
  it('fires at 17:30 on a working day, not at 17:29 (near miss); a make-up Sunday is a working day', () => {
    const late = new Date('2025-03-11T09:30:00Z');
    expect(rule.evaluate(input({ business: { issuedAt: late } }))?.severity).toBe('low');
    expect(rule.evaluate(input({ business: { issuedAt: new Date('2025-03-11T09:29:00Z') } }))).toBeNull();
    const makeUp = new Date('2024-02-04T02:00:00Z'); // Sunday, 调休上班
    expect(rule.evaluate(input({ business: { acceptedAt: makeUp, issuedAt: makeUp } }))).toBeNull();
  });
  it('follows the working-hours parameter', () => {
    expect(rule.evaluate(input({ params: { workingHours: { start: '10:30', end: '17:00' } } }))?.evidence.threshold).toBe('工作日 10:30–17:00');
  });
  it('ignores an invalid time rather than guessing, and notes years outside the calendar (bad data)', () => {
    expect(rule.evaluate(input({ business: { acceptedAt: new Date('x'), issuedAt: new Date('x') } }))).toBeNull();
    const hit = rule.evaluate(input({ business: { issuedAt: new Date('2027-05-01T12:00:00Z') } }));
    expect(hit?.evidence.note).toContain('不在节假日日历');
  });
});
