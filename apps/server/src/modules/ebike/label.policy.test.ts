import { describe, expect, it } from 'vitest';
import { labelRefusal, settableLabels } from './label.policy.ts';

describe('who labels a vehicle record (AC-6)', () => {
  it('never above one’s own clearance', () => {
    expect(labelRefusal('sensitive', 'confidential')).toBe('目标安全标记“机密”高于设置人的安全标记');
    expect(labelRefusal('sensitive', 'sensitive')).toBeNull();
    expect(labelRefusal('sensitive', 'public')).toBeNull();
    expect(labelRefusal('confidential', 'confidential')).toBeNull();
  });
  it('offers exactly the labels the clearance admits; an unknown clearance admits none', () => {
    expect(settableLabels('internal')).toEqual(['public', 'internal']);
    expect(settableLabels('confidential')).toEqual(['public', 'internal', 'sensitive', 'confidential']);
    expect(settableLabels('secret')).toEqual([]);
  });
});
