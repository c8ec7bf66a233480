/** Shanghai's administrative division codes start with 31. */
const SHANGHAI = /^31/;

/**
 * Whether an owner holds a resident ID card (type A) issued outside Shanghai; null when it cannot be judged (another
 * kind of ID, or a malformed issuing region). T9 and T10 and the day counters share this reading.
 */
export function nonLocalIdCard(ownerIdType: string, ownerRegion: string): boolean | null {
  if (ownerIdType !== 'A' || !/^\d{6}$/.test(ownerRegion)) return null;
  return !SHANGHAI.test(ownerRegion);
}
