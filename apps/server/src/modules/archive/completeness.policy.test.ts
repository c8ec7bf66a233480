import { describe, expect, it } from 'vitest';
import { completeness, reasonRefusal } from './completeness.policy.ts';

const req = [
  { docType: 'application', minPages: 1 },
  { docType: 'owner_id', minPages: 2 },
];

describe('archive completeness', () => {
  it('lists what is missing until every document has its pages', () => {
    expect(completeness(req, [{ docType: 'application' }, { docType: 'owner_id' }])).toEqual({
      complete: false,
      missing: [{ docType: 'owner_id', required: 2, present: 1 }],
    });
    expect(completeness(req, [{ docType: 'application' }, { docType: 'owner_id' }, { docType: 'owner_id' }]).complete).toBe(true);
  });
  it('is never complete without a catalogue row (nothing to check against)', () => {
    expect(completeness([], [{ docType: 'application' }]).complete).toBe(false);
  });
  it('asks a reason for a supplement or a replacement', () => {
    expect(reasonRefusal({ complete: true }, {})).toContain('原因');
    expect(reasonRefusal({ complete: false }, { replacesPageId: 3, reason: ' ' })).toContain('原因');
    expect(reasonRefusal({ complete: false }, {})).toBeNull();
  });
});
