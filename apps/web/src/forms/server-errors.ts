import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiRequestError } from '../api/client';

function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts each server `details` entry under the form field it names. Returns the text still to be shown
 * globally (the message plus details that match no field), or null when the fields say it all.
 */
export function applyServerErrors(form: FormInstance, error: unknown): string | null {
  if (!(error instanceof ApiRequestError)) return '操作失败，请稍后重试';
  const fieldNames = new Set(Object.keys(form.getFieldsValue()));
  const matched = error.details.filter((d) => fieldNames.has(fieldPath(d.field)[0] as string));
  const unmatched = error.details.filter((d) => !matched.includes(d));

  const byField = new Map<string, string[]>();
  for (const d of matched) byField.set(d.field, [...(byField.get(d.field) ?? []), d.message]);
  form.setFields([...byField].map(([field, errors]) => ({ name: fieldPath(field), errors })));

  if (matched.length > 0 && unmatched.length === 0) return null;
  return [error.message, ...unmatched.map((d) => d.message)].join('；');
}

/** The Chinese text of any error, for a toast. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return '操作失败，请稍后重试';
  return [error.message, ...error.details.map((d) => d.message)].join('；');
}

/** Reports a failed request: per-field messages when a form is given, a toast for the rest. */
export function useErrorReporter() {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      const text = form ? applyServerErrors(form, error) : errorText(error);
      if (text) message.error(text);
    },
    [message],
  );
}
