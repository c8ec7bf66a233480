import { ApiRequestError } from '../../api/client';
import { formatDateTime } from '../../shared/format';

/** Chinese text for a failed login; for a locked account it adds when the lock ends. */
export function loginErrorText(error: unknown): string {
  if (!(error instanceof ApiRequestError)) return '登录失败，请稍后重试';
  if (error.code !== 'ACCOUNT_LOCKED') return error.message;
  const lockedUntil = error.details.find((d) => d.field === 'lockedUntil')?.message;
  if (!lockedUntil || error.message.includes(lockedUntil)) return error.message;
  const time = Number.isNaN(Date.parse(lockedUntil)) ? lockedUntil : formatDateTime(lockedUntil);
  return `${error.message}（解锁时间：${time}）`;
}

/** The server asks for a captcha (or says the next attempt needs one) after repeated failures from this address. */
export function needsCaptcha(error: unknown): boolean {
  return error instanceof ApiRequestError && (error.code.startsWith('CAPTCHA_') || error.details.some((d) => d.field === 'captchaAnswer'));
}
