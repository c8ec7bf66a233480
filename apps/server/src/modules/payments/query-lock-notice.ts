import { P } from '@shtp/core/platform';
import type { Actor } from '../../platform/audit/actor.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Platform } from '../../platform/platform.ts';
import { rbacRepository } from '../../platform/rbac/rbac.repository.ts';

const LINK = '/security/service-accounts';

/** The lock that the bell reports: who is locked out, on which plate (its keyed digest, never the plate), until when. */
export interface QueryLockNotice {
  lockKey: string;
  plateDigest: string;
  until: Date;
  maxMismatches: number;
}

/**
 * G6 alert: a partner's plate locked after repeated mismatches tells the holders of 接入应用管理 (they can stop the
 * partner's app) in the console's bell, in the transaction that sets the lock — those whose data scope reaches the
 * caller's department (a caller without one reaches holders of the whole zone only). One notification per lock: the
 * key is the lock's key and end, so a repeated write of the same lock changes nothing. No personal data: the caller's
 * name and the plate's digest, as the audit record `payments.violation-query-lock` holds them.
 */
export async function noticeQueryLock(platform: Platform, tx: DbOrTx, actor: Actor, lock: QueryLockNotice): Promise<number> {
  const departmentPath = actor.departmentId === null ? '' : ((await rbacRepository.departmentPath(tx, actor.departmentId)) ?? '');
  const caller = actor.username ?? `user-${actor.userId}`;
  const until = lock.until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return platform.notifications.digest(tx, {
    permission: P.serviceAccountManage,
    kind: 'payments.violation-query-lock',
    key: `${lock.lockKey}:${lock.until.toISOString()}`,
    link: LINK,
    items: [{ departmentPath }],
    compose: () => ({
      title: `违法查询核验多次不符：${caller} 的一个号牌查询已锁定`,
      body:
        `调用方 ${caller} 对同一号牌（摘要 ${lock.plateDigest}）核验不符达 ${lock.maxMismatches} 次，` +
        `该号牌对其查询锁定至 ${until}。如属异常调用，请在 接入应用管理 核查或停用该应用；详情见审计日志 payments.violation-query-lock。`,
    }),
  });
}
