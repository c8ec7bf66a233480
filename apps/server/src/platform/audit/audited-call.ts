import type { DbOrTx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { type AuditEvent, auditBeforeAnswer, audit as auditNow } from './audit.ts';

/** What an audited call returns: its result, and the outcome its audit record may say (masked, never values read). */
export interface AuditedOutcome<T> {
  result: T;
  details?: Record<string, unknown>;
}

/**
 * Runs a call (a recognition, a query of an external system) and writes exactly one audit record for it, success or
 * failure alike. The record is `event` plus, on success, the details the call returns; on failure the error code as
 * the reason (`INTERNAL` for an unexpected error) and `event.details` only. Both carry `ms`, the call's duration,
 * unless the call reports its own. The error is rethrown after its record is written. With `intoAnswer` (the result
 * goes into the answer and nothing else follows the record), the record is written with `auditBeforeAnswer`.
 */
export async function auditedCall<T>(
  db: DbOrTx,
  actor: Actor,
  event: Pick<AuditEvent, 'action' | 'targetType' | 'targetId' | 'details'>,
  call: () => Promise<AuditedOutcome<T>>,
  opts: { intoAnswer?: boolean } = {},
): Promise<T> {
  const audit = opts.intoAnswer ? auditBeforeAnswer : auditNow;
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let outcome: AuditedOutcome<T>;
  try {
    outcome = await call();
  } catch (err) {
    const reason = err instanceof AppError ? err.code : 'INTERNAL';
    await audit(db, actor, { ...event, result: 'failure', reason, details: { ...event.details, ms: ms() } });
    throw err;
  }
  await audit(db, actor, { ...event, details: { ...event.details, ms: ms(), ...outcome.details } });
  return outcome.result;
}
