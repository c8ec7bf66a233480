import { describe, expect, it } from 'vitest';
import { clearanceAdmits, labelRank, labelsAdmittedBy, securityLabelField } from './security-labels.ts';

describe('AC-6 security labels', () => {
  it('orders 公开 < 内部 < 敏感 < 机密 and admits a label up to the clearance', () => {
    expect(['public', 'internal', 'sensitive', 'confidential'].map(labelRank)).toEqual([0, 1, 2, 3]);
    expect(labelsAdmittedBy('internal')).toEqual(['public', 'internal']);
    expect(clearanceAdmits('sensitive', 'sensitive')).toBe(true);
    expect(clearanceAdmits('sensitive', 'confidential')).toBe(false);
  });

  it('fails closed on unknown codes: an unknown label is out of everyone’s reach, an unknown clearance admits nothing', () => {
    expect(clearanceAdmits('confidential', 'top-secret')).toBe(false);
    expect(labelsAdmittedBy('root')).toEqual([]);
    expect(securityLabelField('安全标记').safeParse('top-secret').error?.issues[0]?.message).toBe('安全标记须为以下之一：公开、内部、敏感、机密');
  });
});
