import { type BusinessEntry, CORRECTABLE_ITEMS, VEHICLE_ITEM_LABELS } from '@shtp/core/ebike';

export type CorrectableKey = keyof typeof CORRECTABLE_ITEMS;

/** Each correctable item's label, as the history shows it. */
export const CORRECTABLE_LABELS = Object.fromEntries(
  Object.entries(CORRECTABLE_ITEMS).map(([key, item]) => [key, VEHICLE_ITEM_LABELS[item] ?? item]),
) as Record<CorrectableKey, string>;

const ALL_KEYS = Object.keys(CORRECTABLE_ITEMS) as CorrectableKey[];

/**
 * The items an 更正 of this business may correct, as the server rules it: everything a 注册登记 recorded,
 * otherwise only the correctable items the business changed.
 */
export function correctableKeys(entry: Pick<BusinessEntry, 'type' | 'changes'>): CorrectableKey[] {
  if (entry.type === 'register') return ALL_KEYS;
  const changed = new Set(entry.changes.map((c) => c.item));
  return ALL_KEYS.filter((key) => changed.has(CORRECTABLE_ITEMS[key]));
}
