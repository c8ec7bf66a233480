import type { Actor } from '../../platform/audit/actor.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';

/** Who writes on the handheld: the officer's session, the audit actor, the registered device of the envelope. */
export interface Officer {
  principal: Principal;
  actor: Actor;
  deviceCode: string | null;
}

export const officerColumns = (o: Officer) => ({
  officerId: o.principal.user.id,
  officerName: o.principal.user.displayName,
  departmentId: o.principal.department.id,
  deviceCode: o.deviceCode,
});

/** The Shanghai calendar date (YYYY-MM-DD) of an instant: code tables and daily counts follow local days. */
export const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
