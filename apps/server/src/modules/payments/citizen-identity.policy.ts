/** What changed in a filed 随申办 identity (用户信息备案) with a fresh assertion. */
export type IdentityChange = 'mapped' | 'mobile';

interface Filed {
  accountId: number | null;
  mobileIdx: string | null;
}

/**
 * G5: the changes a fresh assertion makes to the filed record — mapped to a local account for the first time (a
 * mapping never moves to another account: the ID number is the key), or a mobile number other than the one held (by
 * keyed digest; an assertion without a number leaves the held one). None: only the time of the assertion moves.
 */
export function identityChanges(held: Filed, asserted: { accountId: number | null; mobileIdx: string | null }): IdentityChange[] {
  const changes: IdentityChange[] = [];
  if (asserted.accountId !== null && held.accountId === null) changes.push('mapped');
  if (asserted.mobileIdx !== null && asserted.mobileIdx !== held.mobileIdx) changes.push('mobile');
  return changes;
}
