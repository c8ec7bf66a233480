/** The flags of a vehicle's state, as the ledger leaves them (what a business may do with them: business.policy.ts). */
export interface VehicleFlags {
  stolen: boolean;
  locked: boolean;
  cancelled: boolean;
}

/** 六合一 state codes (DOMAIN.md §1.5): A 正常, C 被盗抢, O 锁定, E 注销; several may combine. */
export function statusCodes(f: VehicleFlags): string {
  if (f.cancelled) return 'E';
  const codes = `${f.stolen ? 'C' : ''}${f.locked ? 'O' : ''}`;
  return codes || 'A';
}

const LABELS: Record<string, string> = { A: '正常', C: '被盗抢', O: '锁定', E: '注销' };
export const statusLabels = (codes: string) => Array.from(codes, (c) => LABELS[c] ?? c);
