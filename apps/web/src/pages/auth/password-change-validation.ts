import { type ChangePasswordBody, ChangePasswordBodySchema, checkPasswordPolicy, type PasswordPolicy } from '@shtp/core/platform';
import type { FieldError } from '../../forms/zod-form';
import { zodIssuesToFieldErrors } from '../../forms/zod-form';

/** The console checks the platform's baseline; the server applies the configured policy again. */
export const CONSOLE_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

export interface PasswordChangeForm {
  oldPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

export type PasswordChangeCheck = { ok: true; body: ChangePasswordBody } | { ok: false; errors: FieldError[] };

export function checkPasswordChange(values: PasswordChangeForm, username: string): PasswordChangeCheck {
  const parsed = ChangePasswordBodySchema.safeParse({ oldPassword: values.oldPassword, newPassword: values.newPassword });
  const errors = parsed.success ? [] : zodIssuesToFieldErrors(parsed.error);
  const newPassword = values.newPassword ?? '';
  if (newPassword && !errors.some((e) => e.name[0] === 'newPassword')) {
    const problems = checkPasswordPolicy(newPassword, username, CONSOLE_PASSWORD_POLICY);
    if (newPassword === values.oldPassword) problems.push('新密码不能与原密码相同');
    if (problems.length > 0) errors.push({ name: ['newPassword'], errors: problems });
  }
  if (!values.confirmPassword) errors.push({ name: ['confirmPassword'], errors: ['请再次输入新密码'] });
  else if (values.confirmPassword !== newPassword) errors.push({ name: ['confirmPassword'], errors: ['两次输入的新密码不一致'] });
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}
