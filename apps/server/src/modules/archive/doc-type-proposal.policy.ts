import type { DocType } from '@shtp/core/archive';
import type { RecognitionDocType } from '@shtp/core/recognition';

/** Which archive document a recognised kind of image is (null: recognition has no opinion worth proposing). */
const BY_RECOGNITION: Record<RecognitionDocType, DocType | null> = {
  'id-card-front': 'owner_id',
  'id-card-back': 'owner_id',
  'residence-permit': 'owner_id',
  // An organisation's owner proof is its business licence.
  'business-licence': 'owner_id',
  'motor-invoice': 'origin',
  'digital-invoice': 'origin',
  // The proof of origin of an imported vehicle.
  'import-certificate': 'origin',
  // Not among a vehicle file's documents (an organisation proves itself by its licence).
  'tax-registration': null,
  'uscc-certificate': null,
  other: null,
};

/**
 * The document type proposed to the officer for a captured page (A3): the recognised kind when its confidence reaches the
 * threshold; an identity document of a business applied for by an agent is the agent's once the owner's is in.
 */
export function proposeDocType(
  recognised: { type: RecognitionDocType; confidence: number },
  minConfidence: number,
  archive: { applicant: string; missing: { docType: string }[] },
): DocType | null {
  const proposed = recognised.confidence >= minConfidence ? BY_RECOGNITION[recognised.type] : null;
  const ownerIn = !archive.missing.some((m) => m.docType === 'owner_id');
  const agentMissing = archive.missing.some((m) => m.docType === 'agent_id');
  if (proposed === 'owner_id' && recognised.type !== 'business-licence' && archive.applicant === 'agent' && ownerIn && agentMissing) return 'agent_id';
  return proposed;
}
