import { describe, expect, it } from 'vitest';
import { input } from './rule-test-facts.ts';
import { t7MissingMaterials as rule } from './t7-missing-materials.ts';

describe('T7 missing materials', () => {
  it('fires naming what is missing', () => {
    const hit = rule.evaluate(input({ business: { materials: ['owner_id', 'insurance', 'certificate'] } }));
    expect(hit?.summary).toBe('缺少影像化资料：来历证明（购车发票）');
    expect(hit?.severity).toBe('high');
  });
  it('does not fire with every required material, extra ones allowed (near miss)', () => {
    expect(rule.evaluate(input({ business: { materials: ['owner_id', 'insurance', 'invoice', 'certificate', 'application'] } }))).toBeNull();
  });
  it('follows the parameter list; a case type without a list needs nothing (bad data)', () => {
    expect(rule.evaluate(input({ params: { requiredMaterials: { purchased: ['owner_id', 'test_permit'] } } }))?.severity).toBe('medium');
    expect(rule.evaluate(input({ business: { caseType: 'export', materials: [] } }))).toBeNull();
  });
});
