/**
 * 随申办 identities (G5): the 一网通办 hub's signed assertion that a citizen is logged in with an openid. The
 * interface document is not available: the format is an assumption [A] — `base64url(JSON payload).hex(SM2 signature
 * over the base64url text)`, payload `{ iss: 'ssb', openid, iat, exp }` (seconds since the epoch), and, for a
 * real-name certified citizen, `idNumber` and `name`; optionally the account's `mobile`.
 */
export interface CitizenIdentity {
  openid: string;
  /** The real-name person behind the openid, when the hub certified it (assumed fields `idNumber`, `name`). */
  person?: { idNumber: string; name?: string };
  /** The mobile number the 随申办 account holds (assumed field `mobile`); it may change between assertions. */
  mobile?: string;
  /** When the assertion stops being accepted. */
  expiresAt: Date;
}

export interface SsbIdentityPort {
  /** The identity if the hub's signature holds and the assertion is current; null otherwise. */
  verify(assertion: string, now?: Date): CitizenIdentity | null;
}
