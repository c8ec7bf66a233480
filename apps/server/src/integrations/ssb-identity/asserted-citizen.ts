import { AppError } from '../../platform/http/errors.ts';
import type { CitizenIdentity, SsbIdentityPort } from './ssb-identity.port.ts';

/** What a partner's call says about its citizen: its own word (openid) and/or the 随申办 hub's signed assertion. */
export interface CitizenClaim {
  openid?: string;
  assertion?: string;
}

/**
 * G5, one check for every module a partner calls for its citizen: without an assertion, null (the partner's word
 * stands); with one, the asserted identity — the assertion wins over the partner's word, and an invalid or expired
 * assertion, or one for another openid than the partner names, is refused (401).
 */
export function assertedCitizen(identities: SsbIdentityPort, claim: CitizenClaim): CitizenIdentity | null {
  if (!claim.assertion) return null;
  const asserted = identities.verify(claim.assertion);
  if (!asserted || (claim.openid && claim.openid !== asserted.openid))
    throw new AppError(401, 'ASSERTION_INVALID', '随申办身份断言无效或已过期（或与 openid 不符）');
  return asserted;
}
