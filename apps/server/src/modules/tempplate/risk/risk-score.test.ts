import { describe, expect, it } from 'vitest';
import { contribution, outcomeOf } from './risk-score.ts';

describe('risk score', () => {
  it('weighs a warning by severity and by the outcome of its order', () => {
    expect(contribution({ severity: 'high', result: 'confirmed', closed: true })).toBe(9);
    expect(contribution({ severity: 'medium', result: null, closed: false })).toBe(2);
    expect(contribution({ severity: 'high', result: 'unfounded', closed: true })).toBe(0);
    expect(contribution({ severity: 'low', result: 'unverifiable', closed: true })).toBe(1);
  });

  it('counts a first check that is not yet reviewed as open, and an unknown severity as low', () => {
    expect(outcomeOf({ severity: 'high', result: 'confirmed', closed: false })).toBe('open');
    expect(contribution({ severity: 'odd', result: null, closed: false })).toBe(1);
  });
});
