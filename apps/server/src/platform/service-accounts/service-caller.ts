import type { Actor, CallAuditJoin } from '../audit/audit.ts';
import type { SigningKey } from './signature.ts';

/**
 * A request authenticated as a service account (接入应用). It is not a user: `request.auth` stays null, so
 * `authOf` refuses it (a handler that needs a user never mistakes an app for one); `actorOf` gives the app's
 * actor, so the audit records of the services it calls name `app:<appId>` and its department.
 */
export interface ServiceCaller {
  accountId: number;
  appId: string;
  name: string;
  department: { id: number; name: string; path: string };
  /** The granted scopes, in the role of permissions. */
  permissions: Set<string>;
  /** Signs the reply: the HMAC secret the request verified with, or the server's SM2 key. */
  replyKey: SigningKey;
  /** The call's `service.call` record, written before the reply goes out; the call's reads may join it. */
  callAudit: CallAuditJoin;
}

export const serviceUsername = (appId: string) => `app:${appId}`;

export function actorOfService(caller: ServiceCaller, base: Actor): Actor {
  return {
    ...base,
    userId: null,
    username: serviceUsername(caller.appId),
    departmentId: caller.department.id,
    departmentName: caller.department.name,
    roles: null,
    callAudit: caller.callAudit,
  };
}
