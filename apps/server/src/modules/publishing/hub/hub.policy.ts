import { type ActionDecision, permitted } from '@shtp/core/platform';
import { type HubServiceInput, PUBLISHING_P } from '@shtp/core/publishing';

interface Push {
  state: 'pending' | 'sent' | 'failed' | 'superseded';
  lastError: string | null;
}

/** Whether a call to the hub may be sent again by hand: a refused one, or one still pending after a failed attempt. */
export function pushRetryRefusal(p: Push): string | null {
  if (p.state === 'sent') return '已推送至一网通办，无需重新推送';
  if (p.state === 'superseded') return '已有更新的版本推送至一网通办，无需重新推送';
  if (p.state === 'pending' && p.lastError === null) return '正在推送，请稍候';
  return null;
}

export const hubPushActions = (permissions: ReadonlySet<string>, p: Push): Record<'retry', ActionDecision> => ({
  retry: permitted(permissions, [PUBLISHING_P.hub], () => pushRetryRefusal(p)),
});

/**
 * The version a registration gets: the held one when nothing changed (a repeated save pushes nothing), else the
 * next; a draft (filed at the zone's first start, never sent) is registered as its own version, changed or not.
 */
export function nextServiceVersion(
  held: (HubServiceInput & { version: number; state: 'draft' | 'registered' }) | undefined,
  input: HubServiceInput,
): { version: number; changed: boolean } {
  if (!held) return { version: 1, changed: true };
  if (held.state === 'draft') return { version: held.version, changed: true };
  const same = held.name === input.name && held.category === input.category && held.onlineUrl === input.onlineUrl && held.status === input.status;
  return same ? { version: held.version, changed: false } : { version: held.version + 1, changed: true };
}
