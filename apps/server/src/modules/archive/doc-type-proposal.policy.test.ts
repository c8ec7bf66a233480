import { describe, expect, it } from 'vitest';
import { proposeDocType } from './doc-type-proposal.policy.ts';

const self = { applicant: 'self', missing: [{ docType: 'owner_id' }, { docType: 'origin' }] };

describe('document type proposed for a captured page', () => {
  it('maps what recognition read to the archive document, only when it is sure enough', () => {
    expect(proposeDocType({ type: 'motor-invoice', confidence: 0.9 }, 0.5, self)).toBe('origin');
    expect(proposeDocType({ type: 'import-certificate', confidence: 0.6 }, 0.5, self)).toBe('origin');
    expect(proposeDocType({ type: 'id-card-front', confidence: 0.8 }, 0.5, self)).toBe('owner_id');
    expect(proposeDocType({ type: 'id-card-front', confidence: 0.4 }, 0.5, self)).toBeNull();
    expect(proposeDocType({ type: 'other', confidence: 1 }, 0.5, self)).toBeNull();
  });
  it("proposes the agent's identity once the owner's is in, for a business applied for by an agent", () => {
    const agent = { applicant: 'agent', missing: [{ docType: 'agent_id' }] };
    expect(proposeDocType({ type: 'id-card-back', confidence: 0.9 }, 0.5, agent)).toBe('agent_id');
    expect(proposeDocType({ type: 'id-card-back', confidence: 0.9 }, 0.5, { ...agent, missing: [{ docType: 'owner_id' }, { docType: 'agent_id' }] })).toBe(
      'owner_id',
    );
    expect(proposeDocType({ type: 'business-licence', confidence: 0.9 }, 0.5, agent)).toBe('owner_id');
  });
});
