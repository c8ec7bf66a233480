import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';

/** A department as the organisation tables hold it (codes are synthetic, 12 digits). */
export interface DepartmentSeed {
  code: string;
  name: string;
  level: '总队' | '支队' | '大队' | '中队';
}

/** The root of the organisation, as the demo seed creates it. */
export const HEADQUARTERS: DepartmentSeed = { code: '310000000000', name: '上海市公安局交通警察总队', level: '总队' };

/** The detachment (支队) of a Shanghai district: `<GB/T 2260 code>000000`, named after the district (黄浦区交警支队). */
export function detachment(districtCode: keyof typeof SHANGHAI_DISTRICTS): DepartmentSeed {
  return { code: `${districtCode}000000`, name: `${SHANGHAI_DISTRICTS[districtCode]}交警支队`, level: '支队' };
}

/** Every district detachment, in GB/T 2260 order. */
export function detachments(): DepartmentSeed[] {
  return (Object.keys(SHANGHAI_DISTRICTS) as (keyof typeof SHANGHAI_DISTRICTS)[]).map(detachment);
}
