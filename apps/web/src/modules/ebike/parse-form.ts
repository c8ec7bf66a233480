import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { clearFieldErrors, showFieldErrors, zodIssuesToFieldErrors } from '../../forms/zod-form';

/**
 * Like parseFormValues, but a message whose path names no field on screen (such as "请至少更正一项" on
 * `items`) is returned instead of dropped, for the caller to show.
 */
export function parseWithLeftovers<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): { body: z.output<S> } | { leftover: string[] } {
  clearFieldErrors(form);
  const result = schema.safeParse(values);
  if (result.success) return { body: result.data };
  const shown = new Set(form.getFieldsError().map(({ name }) => JSON.stringify(name)));
  const errors = zodIssuesToFieldErrors(result.error);
  showFieldErrors(
    form,
    errors.filter((e) => shown.has(JSON.stringify(e.name))),
  );
  return { leftover: errors.filter((e) => !shown.has(JSON.stringify(e.name))).flatMap((e) => e.errors) };
}

/** Whether `changed` (antd's onValuesChange first argument, nested like the form) holds this field path. */
function holds(changed: unknown, path: readonly (string | number)[]): boolean {
  let node = changed;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string | number, unknown>)[key];
  }
  return true;
}

/** An error set by a schema or the server goes away as soon as the officer edits that field. */
export function clearChangedErrors(form: FormInstance, changed: object): void {
  const stale = form.getFieldsError().filter(({ name, errors }) => errors.length > 0 && holds(changed, name));
  if (stale.length > 0) form.setFields(stale.map(({ name }) => ({ name, errors: [] })));
}
