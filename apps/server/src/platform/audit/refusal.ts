import type { Db } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { type Actor, type AuditEvent, audit } from './audit.ts';

/**
 * A refusal decided inside a service (data scope, security label, a permission that only the body asks for) that
 * must leave exactly one audit record (SECURITY.md AU-1), as the route guard's refusals do. The client sees
 * only the error; the record says why.
 */
export class AuditedRefusal extends AppError {
  readonly event: AuditEvent;

  constructor(error: AppError, event: Omit<AuditEvent, 'result'>) {
    super(error.status, error.code, error.message, error.details);
    this.event = { ...event, result: 'failure' };
  }
}

/**
 * Runs `work`; a refusal it throws is audited and rethrown. The record is written with `db`, after whatever
 * transaction `work` opened has rolled back, so it stays even though the change does not.
 */
export async function auditingRefusals<T>(db: Db, actor: Actor, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AuditedRefusal) await audit(db, actor, e.event);
    throw e;
  }
}
