import { sm3Hex } from '@shtp/gm';

/** How many trailing characters of the 整车编码 a citizen gives as proof of holding the vehicle (SECURITY.md §3). */
export const POSSESSION_TAIL = 6;

/**
 * G6 possession factor: SM3 over the plate and the last characters of the 整车编码. The police zone sends it with each
 * decision instead of either value; the internet zone computes it from what the citizen types and looks the decisions
 * up by it. Neither the plate nor the code can be read back from it without guessing both at once.
 */
export function possessionDigest(plate: string, vehicleCode: string): string {
  const tail = vehicleCode.trim().toUpperCase().slice(-POSSESSION_TAIL);
  return sm3Hex(`shtp-possession-v1|${plate.trim().toUpperCase()}|${tail}`);
}
