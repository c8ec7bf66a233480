import { type ActionDecision, permitted } from '@shtp/core/platform';
import { ROADWORKS_P } from '@shtp/core/roadworks';

export const EXCHANGE_PERMISSION = { resend: ROADWORKS_P.exchangeResend } as const;

/** A request is answered again only when its last answer failed or was never written. */
export function resendRefusal(row: { status: string }): string | null {
  return row.status === 'failed' ? null : '只有回传失败的请求可以重新交换';
}

export const exchangeActions = (caller: { permissions: ReadonlySet<string> }, row: { status: string }): Record<'resend', ActionDecision> => ({
  resend: permitted(caller.permissions, [EXCHANGE_PERMISSION.resend], () => resendRefusal(row)),
});
