import { syntheticName } from '../generator/person.ts';
import type { Rng } from '../generator/rng.ts';

/** The password tests and browser stories set at a forced first-login change (it satisfies the administrators' policy). */
export const NEW_PASSWORD = 'Xk9#mP2v!Lq7wR4zT';

export interface SyntheticUser {
  username: string;
  displayName: string;
  /** 警号: 6 digits. */
  policeNo: string;
}

/**
 * A user account for tests: `<prefix>.<serial>` as its name (letter first, 3–32 characters, as the user API
 * requires; the caller's serial keeps it unique), a synthetic person's name and a 6-digit 警号.
 */
export function syntheticUser(rng: Rng, prefix: string, serial: number): SyntheticUser {
  const username = `${prefix}.${serial}`;
  if (!/^[a-zA-Z][a-zA-Z0-9_.]{2,31}$/.test(username)) throw new Error(`用户名 ${username} 不合用户名规则`);
  return { username, displayName: syntheticName(rng), policeNo: rng.digits(6) };
}
