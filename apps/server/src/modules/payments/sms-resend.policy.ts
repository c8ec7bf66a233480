import type { SmsMessageState } from '@shtp/core/payments';

/** What the policy needs of a message. */
export interface ResendCandidate {
  batchId: string;
  state: SmsMessageState;
  resendOf: number | null;
  /** The variables and the number are kept (messages recorded before the resend existed have no variables). */
  kept: boolean;
  /** The batch of its resend, if it was resent. */
  resentAs: string | null;
}

/** States in which nobody sends a message again by themselves: only a resend's (its owner's job knows the original). */
const HELD_OR_RETRY: readonly SmsMessageState[] = ['quiet-hours', 'template', 'limit', 'retry'];

/**
 * G9 重发: a message the gateway accepted but could not deliver (its delivery report) may be sent again, once, as a
 * new batch; so may a resend that was held or failed retryably, since no job retries a resend. Everything else is
 * already retried by the job of the module that sent it, went out, or was refused for good (a wrong number stays wrong).
 * Null when allowed; otherwise the Chinese reason.
 */
export function resendRefusal(m: ResendCandidate): string | null {
  if (m.resentAs) return `该短信已重发（批次 ${m.resentAs}）`;
  const resendable = m.state === 'undelivered' || (m.resendOf !== null && HELD_OR_RETRY.includes(m.state));
  if (!resendable) return '只有未送达的短信（或暂缓、待重发的重发短信）可以重发；其他短信由所属业务的任务自动重发或已有结果';
  if (!m.kept) return '该短信发送时未保存模板变量，不能重发';
  return null;
}

/** The batch of a resend: the original's batch with `-R<n>`, n counting the resends of the chain. */
export function resendBatchId(batchId: string): string {
  const m = /^(.*)-R(\d+)$/.exec(batchId);
  return m ? `${m[1]}-R${Number(m[2]) + 1}` : `${batchId}-R1`;
}
