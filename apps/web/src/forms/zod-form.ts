import type { FormInstance } from 'antd';
import type { z } from 'zod';

export interface FieldError {
  name: (string | number)[];
  errors: string[];
}

/** Groups a zod error's issues by field path, in antd's `setFields` shape. */
export function zodIssuesToFieldErrors(error: z.ZodError): FieldError[] {
  const byPath = new Map<string, FieldError>();
  for (const issue of error.issues) {
    const name = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    const id = JSON.stringify(name);
    const existing = byPath.get(id);
    if (existing) existing.errors.push(issue.message);
    else byPath.set(id, { name, errors: [issue.message] });
  }
  return [...byPath.values()];
}

/** Clears the errors of every field currently shown in the form, nested ones (`['owner', 'name']`) included. */
export function clearFieldErrors(form: FormInstance): void {
  form.setFields(form.getFieldsError().map(({ name }) => ({ name, errors: [] })));
}

export function showFieldErrors(form: FormInstance, errors: FieldError[]): void {
  form.setFields(errors);
}

/**
 * Validates form values with a shared zod schema. On failure the messages appear under their fields and
 * `null` is returned; on success the parsed (trimmed, defaulted) body is returned.
 */
export function parseFormValues<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): z.output<S> | null {
  clearFieldErrors(form);
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  showFieldErrors(form, zodIssuesToFieldErrors(result.error));
  return null;
}
