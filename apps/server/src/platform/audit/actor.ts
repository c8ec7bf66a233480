/** Who is acting, and from where: taken from the request by `actorOf`, or `systemActor` for the platform itself. */
export interface Actor {
  userId: number | null;
  username: string | null;
  departmentId: number | null;
  departmentName: string | null;
  roles: string | null;
  ip: string;
  userAgent: string | null;
  requestId: string | null;
  /**
   * The call's closing record, when the call has one that is written before its answer goes out (a signed service
   * call's `service.call`): a record that only precedes the answer may join it (`auditBeforeAnswer`).
   */
  callAudit?: CallAudit;
}

/** A call's closing record that earlier records of the call may join (`CallAuditJoin` in audit.ts). */
export interface CallAudit {
  /** Adds a record, as `audit` builds it, to those written with the closing one; false once that is written. */
  join(row: object): boolean;
}

/**
 * The platform itself as the actor of what no user asked for: start-up work, job runs, command-line tools. `via`
 * says which (it goes to the audit record's user-agent column, e.g. `job ebike-upload on host:pid`); `requestId`
 * ties the records of one run together (a job's id, the request whose write restarted the audit chain).
 */
export function systemActor(via: string | null = null, requestId: string | null = null): Actor {
  return { userId: null, username: 'system', departmentId: null, departmentName: null, roles: null, ip: '127.0.0.1', userAgent: via, requestId };
}
