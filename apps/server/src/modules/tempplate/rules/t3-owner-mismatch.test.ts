import { describe, expect, it } from 'vitest';
import { input } from './rule-test-facts.ts';
import { t3OwnerMismatch as rule } from './t3-owner-mismatch.ts';

describe('T3 owner differs from invoice buyer and registered owner', () => {
  it('fires when both differ, with masked numbers', () => {
    const hit = rule.evaluate(input({ business: { invoiceBuyerIdx: 'idx-other', registeredOwnerIdx: 'idx-third' } }));
    expect(hit?.evidence.compared).toHaveLength(2);
    expect(hit?.evidence.compared[0]?.value).not.toContain('19900101');
  });
  it('does not fire when one of them matches (near miss)', () => {
    expect(rule.evaluate(input({ business: { invoiceBuyerIdx: 'idx-other', registeredOwnerIdx: 'idx-owner' } }))).toBeNull();
  });
  it('does not fire with nothing to compare (bad data: no invoice, no registration)', () => {
    expect(rule.evaluate(input({ business: { invoice: null, invoiceBuyerIdx: null, registeredOwnerIdx: null } }))).toBeNull();
  });
});
