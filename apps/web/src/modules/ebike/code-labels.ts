import { COLOURS } from '@shtp/core/ebike';

/** Select options of a code table of @shtp/core (`{ code: 标签 }`), in the table's order. */
export function codeOptions<T extends Record<string, string>>(table: T): { value: keyof T & string; label: string }[] {
  return Object.entries(table).map(([value, label]) => ({ value, label }));
}

/** The label of a code, or the code itself when the table does not know it (a newer server). */
export function codeLabel(table: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return table[code] ?? code;
}

type ColourCode = keyof typeof COLOURS;

/** The detail answer names colours by label (白, 蓝); the forms work with their codes. */
export function colourCodes(labels: readonly string[]): ColourCode[] {
  const byLabel = new Map(Object.entries(COLOURS).map(([code, label]) => [label as string, code as ColourCode]));
  return labels.flatMap((label) => byLabel.get(label) ?? []);
}

/** Colours of a 六合一 state: 正常 green, 被盗抢 red, 锁定 orange, 注销 grey. */
export const STATUS_COLOURS: Record<string, string> = { 正常: 'green', 被盗抢: 'red', 锁定: 'orange', 注销: 'default' };

/** Tag colours of the upload states. */
export const UPLOAD_COLOURS: Record<string, string> = {
  pending: 'default',
  uploading: 'processing',
  done: 'success',
  failed: 'error',
  rejected: 'error',
  waiting: 'warning',
  repaired: 'success',
};
