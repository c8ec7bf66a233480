import { describe, expect, it } from 'vitest';
import { completeness, reasonRefusal, withCompleteness } from './completeness.policy.ts';

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

describe('completeness rate (A7)', () => {
  const work = (key: string, pages: number) => ({ key, label: key, pages, archivesCompleted: 0, averageDelayHours: null });
  it('is the share of the archives opened that are complete now, and gives a department without pages its own row', () => {
    const rows = withCompleteness(
      [work('2026-12-01', 12), work('2026-12-02', 3)],
      [
        { key: '2026-12-01', label: '2026-12-01', opened: 3, complete: 2 },
        { key: '2026-11-30', label: '2026-11-30', opened: 4, complete: 0 },
      ],
    );
    expect(rows.map((r) => [r.key, r.pages, r.opened, r.completeNow, r.completenessRate])).toEqual([
      ['2026-11-30', 0, 4, 0, 0],
      ['2026-12-01', 12, 3, 2, 66.7],
      ['2026-12-02', 3, 0, 0, null],
    ]);
  });
});
