import { maskAddress, maskCode, maskIdNumber, maskName, maskPhone, maskPlate } from './masking.ts';

/**
 * A field's masking rule for data that leaves a zone (G1–G3): `none` marks a field that is not personal; every other
 * rule is one of SECURITY.md §2. A record is masked by a table of rules, and a field the table does not name does
 * not leave (fail closed).
 */
export const MASK_RULES = {
  none: (v: string) => v,
  name: maskName,
  idNumber: (v: string) => maskIdNumber(v),
  code: maskCode,
  phone: maskPhone,
  address: maskAddress,
  plate: maskPlate,
} as const;

export type MaskRule = keyof typeof MASK_RULES;
export type MaskRuleTable = Readonly<Record<string, MaskRule>>;

export interface MaskedRecord {
  record: Record<string, unknown>;
  /** Fields dropped because no rule names them. */
  dropped: string[];
}

/** Masks one flat record by its rule table: strings through their rule, other values only under `none`. */
export function maskRecord(input: Readonly<Record<string, unknown>>, rules: MaskRuleTable): MaskedRecord {
  const record: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [field, value] of Object.entries(input)) {
    const rule = Object.hasOwn(rules, field) ? rules[field] : undefined;
    if (!rule) {
      dropped.push(field);
      continue;
    }
    if (value == null || rule === 'none') record[field] = value ?? null;
    else record[field] = MASK_RULES[rule](typeof value === 'string' ? value : String(value));
  }
  return { record, dropped };
}
