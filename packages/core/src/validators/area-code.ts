/** GB/T 2260 area codes, current and abolished (compiled from the 1981–2024 history, see ../data/gb2260.ts). */
import { GB2260_ABOLISHED, GB2260_CURRENT, GB2260_PROVINCES } from '../data/gb2260.ts';

export type AreaCodeStatus = 'current' | 'abolished';

let table: Map<string, AreaCodeStatus> | undefined;

function unpack(packed: string, status: AreaCodeStatus, into: Map<string, AreaCodeStatus>): void {
  for (const group of packed.split(' ')) {
    const [prefix, suffixes] = group.split(':') as [string, string];
    for (let i = 0; i < suffixes.length; i += 2) into.set(prefix + suffixes.slice(i, i + 2), status);
  }
}

/** 'current' if the code is in use, 'abolished' if it existed once (弃用/变更, e.g. 310103 卢湾区), null if it never existed. */
export function areaCodeStatus(code: string): AreaCodeStatus | null {
  if (!table) {
    table = new Map();
    unpack(GB2260_ABOLISHED, 'abolished', table);
    unpack(GB2260_CURRENT, 'current', table);
  }
  return table.get(code) ?? null;
}

/** The name of a provincial-level division in use from its 2-digit code ('31' → '上海市'), or null. */
export function provinceName(code2: string): string | null {
  return GB2260_PROVINCES[code2] ?? null;
}
