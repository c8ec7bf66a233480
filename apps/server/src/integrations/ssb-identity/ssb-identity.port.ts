/**
 * 随申办 identities (G5): the 一网通办 hub's signed assertion that a citizen is logged in with an openid. The
 * interface document is not available: the format is an assumption [A] — `base64url(JSON payload).hex(SM2 signature
 * over the base64url text)`, payload `{ iss: 'ssb', openid, iat, exp }` (seconds since the epoch).
 */
export interface CitizenIdentity {
  openid: string;
  /** When the assertion stops being accepted. */
  expiresAt: Date;
}

export interface SsbIdentityPort {
  /** The identity if the hub's signature holds and the assertion is current; null otherwise. */
  verify(assertion: string, now?: Date): CitizenIdentity | null;
}
