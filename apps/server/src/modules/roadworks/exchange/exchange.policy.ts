import { type ActionDecision, permitted } from '@shtp/core/platform';
import { ROADWORKS_P } from '@shtp/core/roadworks';

export const EXCHANGE_PERMISSION = { resend: ROADWORKS_P.exchangeResend } as const;

export const UNCONFIGURED = '未配置保险行业协会交换目录（INSURANCE_EXCHANGE_DIR），无法交换';

/** A request is answered again only when its last answer failed, and only when an exchange folder is configured. */
export function resendRefusal(row: { status: string }, configured: boolean): string | null {
  if (row.status !== 'failed') return '只有回传失败的请求可以重新交换';
  return configured ? null : UNCONFIGURED;
}

export const exchangeActions = (
  caller: { permissions: ReadonlySet<string> },
  row: { status: string },
  configured: boolean,
): Record<'resend', ActionDecision> => ({
  resend: permitted(caller.permissions, [EXCHANGE_PERMISSION.resend], () => resendRefusal(row, configured)),
});
