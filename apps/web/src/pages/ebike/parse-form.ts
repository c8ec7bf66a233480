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
