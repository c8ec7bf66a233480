import { normalisePersonName } from '@shtp/core/validators';
import { assertedCitizen } from '../../integrations/ssb-identity/asserted-citizen.ts';
import type { CitizenIdentity, SsbIdentityPort } from '../../integrations/ssb-identity/ssb-identity.port.ts';
import type { Actor } from '../../platform/audit/actor.ts';
import { type AuditEvent, audit } from '../../platform/audit/audit.ts';
import { auditedCall } from '../../platform/audit/audited-call.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { TokenBuckets } from '../../platform/service-accounts/token-bucket.ts';
import type { ExchangeApi } from '../exchange/exchange.api.ts';
import { lateFeeFen } from './late-fee.policy.ts';
import { paymentsParams } from './payments.params.ts';
import { type LockSeen, paymentsRepository as repo } from './payments.repository.ts';
import type { citizenIdentities } from './payments.table.ts';
import { citizenBucket, citizenQueryKey, takePerMinuteReading } from './query-limits.ts';
import { afterMismatch, lockedUntil, locksNow } from './query-lock.policy.ts';
import { noticeQueryLock } from './query-lock-notice.ts';

/** What a partner sends for a citizen: the possession factors (SECURITY.md §3), the citizen's 随申办 openid, the page. */
export interface CitizenQuery {
  hphm: string;
  /** The last 6 characters of the 整车编码. */
  clsbdh: string;
  /** The partner's word for its citizen, when it forwards no assertion. */
  openid?: string;
  /** G5: the 随申办 hub's signed assertion of the citizen's openid; it wins over the partner's word. */
  assertion?: string;
  pageNo: number;
  /** At most 50 (SECURITY.md §3). */
  pageSize: number;
}

export interface CitizenAnswer {
  hphm: string;
  total: number;
  pageNo: number;
  pageSize: number;
  requestId: string | null;
  items: CitizenViolation[];
}

/** One decision as the citizen sees it (SECURITY.md §3 field names; the plate stays masked as it crossed). */
export interface CitizenViolation {
  jdsbh: string;
  wfsj: string;
  wfdz: string;
  wfxw: string;
  wfjfs: number;
  fkjeFen: number;
  znjFen: number;
  jkbj: '0' | '1';
  jkqx: string;
}

/** G5: the keyed-digest kind and encryption contexts of the local citizen accounts. */
type CitizenIdentityRow = typeof citizenIdentities.$inferSelect;

export const CITIZEN_ID_INDEX = 'g5-id-number';
export const CITIZEN_NAME_INDEX = 'g5-name';
export const CITIZEN_ID_CONTEXT = 'citizen_accounts.id_number_enc';
export const CITIZEN_NAME_CONTEXT = 'citizen_accounts.name_enc';
export const CITIZEN_MOBILE_CONTEXT = 'citizen_identities.mobile_enc';
export const CITIZEN_MOBILE_INDEX = 'g5-mobile';

/** Where a vehicle the citizen holds is found by the possession digest (G6): the e-bike set first, then motor vehicles. */
const VEHICLE_SETS = ['vehicles', 'motor-vehicles'] as const;

const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/** One answer for every miss, so that a caller cannot tell which factor was wrong (anti-enumeration). */
const notFoundOrMismatch = () => new AppError(404, 'NOT_FOUND_OR_MISMATCH', '未查询到违法记录，或号牌与车辆识别信息不符');
const locked = (until: Date) =>
  new AppError(423, 'LOCKED', `该号牌的查询因多次核验不符已被锁定，请于 ${until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 后再试`);

/**
 * G6: a citizen's violations through a partner's signed call — found only by the possession digest of plate and
 * 整车编码 tail, limited per plate and per citizen (the platform limits per partner), answered masked, audited with
 * keyed digests of plate and openid (never their values).
 */
export class CitizenQueryService {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly platform: Platform,
    private readonly exchange: () => ExchangeApi,
    private readonly identities: SsbIdentityPort,
  ) {
    this.buckets = new TokenBuckets(platform.db);
  }

  async query(q: CitizenQuery, actor: Actor): Promise<CitizenAnswer> {
    const asserted = assertedCitizen(this.identities, q);
    if (asserted) await this.file(asserted, actor);
    const openid = asserted?.openid ?? q.openid ?? '';
    const plateKey = await this.platform.fields.blindIndex(q.hphm.toUpperCase(), 'g6-plate');
    const citizenKey = await citizenQueryKey(this.platform, openid);
    // Per partner (a back-office user counts as one) and plate, by the plate's keyed digest.
    const lockKey = `${actor.username ?? `user-${actor.userId}`}:${plateKey.slice(0, 32)}`;
    const seen = await this.limit(
      [[`g6:plate:${plateKey}`, await this.platform.params.get(paymentsParams.queryPerPlatePerMinute)], await citizenBucket(this.platform, citizenKey)],
      lockKey,
    );
    const event = {
      action: 'payments.violation-query',
      targetType: 'vehicle',
      targetId: plateKey.slice(0, 32),
      details: { openid: citizenKey.slice(0, 32), identity: asserted ? 'asserted' : 'partner' },
    };
    return auditedCall(
      this.platform.db,
      actor,
      event,
      async () => {
        const until = lockedUntil(seen.lock, new Date());
        if (until) throw locked(until);
        const page = { limit: q.pageSize, offset: (q.pageNo - 1) * q.pageSize };
        // No decision: either the vehicle is held and clean (found in a vehicle set in the same lookup), or a factor is
        // wrong (which counts towards the lock).
        const { records, total, held: vehicle } = await this.exchange().receivedForVehicle('violations', q.hphm, q.clsbdh, page, VEHICLE_SETS);
        if (total === 0 && !vehicle) {
          await this.mismatch(lockKey, seen, actor, event);
          throw notFoundOrMismatch();
        }
        const rate = await this.platform.params.get(paymentsParams.lateFeeRate);
        const today = shanghaiDay(new Date());
        const paidDecisions = await repo.paidAmong(
          this.platform.db,
          records.map((r) => String(r.decisionNo)),
        );
        const items = records.map((r): CitizenViolation => {
          const decisionNo = String(r.decisionNo);
          const paid = paidDecisions.has(decisionNo);
          const fine = Number(r.fineFen ?? 0);
          return {
            jdsbh: decisionNo,
            wfsj: String(r.occurredAt ?? ''),
            wfdz: String(r.place ?? ''),
            wfxw: String(r.act ?? ''),
            wfjfs: Number(r.points ?? 0),
            fkjeFen: fine,
            znjFen: paid ? 0 : lateFeeFen(fine, String(r.dueDate ?? ''), today, rate),
            jkbj: paid ? '1' : '0',
            jkqx: String(r.dueDate ?? ''),
          };
        });
        const hphm = String((records[0] ?? vehicle)?.plate ?? '');
        return { result: { hphm, total, pageNo: q.pageNo, pageSize: q.pageSize, requestId: actor.requestId, items }, details: { found: total } };
        // Its record joins a signed call's own (`service.call`): both written in one group commit before the answer.
      },
      { intoAnswer: true },
    );
  }

  /**
   * G5 用户信息备案 and mapping: an asserted identity is filed once; when the hub certified the person, it maps to the
   * local account found by the keyed digest of the ID number (created on first use, the number kept only encrypted).
   * A new or newly mapped identity is queued for the police zone in the same transaction (version 2 once mapped).
   */
  private async file(identity: CitizenIdentity, actor: Actor): Promise<void> {
    const { fields } = this.platform;
    const person = identity.person;
    const account = person
      ? {
          idNumberIdx: await fields.blindIndex(person.idNumber, CITIZEN_ID_INDEX),
          idNumberEnc: await fields.encrypt(person.idNumber, CITIZEN_ID_CONTEXT),
          nameEnc: person.name ? await fields.encrypt(person.name, CITIZEN_NAME_CONTEXT) : null,
          nameIdx: person.name ? await fields.blindIndex(normalisePersonName(person.name), CITIZEN_NAME_INDEX) : null,
        }
      : null;
    const mobile = identity.mobile
      ? { mobileEnc: await fields.encrypt(identity.mobile, CITIZEN_MOBILE_CONTEXT), mobileIdx: await fields.blindIndex(identity.mobile, CITIZEN_MOBILE_INDEX) }
      : { mobileEnc: null, mobileIdx: null };
    await this.platform.db.transaction(async (tx) => {
      const mapped = account ? await repo.accountFor(tx, account) : null;
      if (mapped?.created) {
        await audit(tx, actor, { action: 'payments.citizen-account', targetType: 'citizen-account', targetId: String(mapped.id), details: { via: 'ssb' } });
      }
      // Kept in step: the hub's certified name replaced the one held (neither name is written to the log).
      if (mapped?.renamed)
        await audit(tx, actor, {
          action: 'payments.citizen-account-renamed',
          targetType: 'citizen-account',
          targetId: String(mapped.id),
          details: { via: 'ssb' },
        });
      const { row, changes } = await repo.fileIdentity(tx, identity.openid, { accountId: mapped?.id ?? null, ...mobile });
      if (changes.length === 0) return;
      // A filed record that changed (a new mobile number in a fresh assertion): audited without the number.
      if (changes !== 'filed')
        await audit(tx, actor, {
          action: 'payments.citizen-identity-changed',
          targetType: 'citizen-identity',
          targetId: row.openid.slice(0, 32),
          details: { changes, version: row.version },
        });
      await this.exchange().enqueue(tx, 'users', [{ key: row.openid, version: row.version, data: await this.usersRecord(row) }]);
    });
  }

  /**
   * The filed record as it crosses on `users`: the openid, when it was filed and last changed, the local account, and
   * the mobile number (masked by the channel's rule before it leaves: the police zone keeps the filing in step, it
   * contacts nobody with it — SMS to citizens goes out from this zone, G9).
   */
  private async usersRecord(row: CitizenIdentityRow): Promise<Record<string, unknown>> {
    return {
      openid: row.openid,
      filedAt: row.filedAt.toISOString(),
      changedAt: row.lastAssertedAt.toISOString(),
      ...(row.accountId ? { accountId: row.accountId } : {}),
      ...(row.mobileEnc ? { mobile: await this.platform.fields.decrypt(row.mobileEnc, CITIZEN_MOBILE_CONTEXT) } : {}),
    };
  }

  /**
   * One more mismatch of the partner on the plate; at the limit the plate is locked for it, the lock audited and told
   * to the holders of 接入应用管理 (`query-lock-notice.ts`), all in the lock's transaction. A mismatch that locks
   * nothing is one statement: the count the policy gives from the lock as read with the buckets (`seen`), written only
   * if the row is still as read; if another call changed it meanwhile, as a lock is: again under the row's lock.
   */
  private async mismatch(lockKey: string, seen: LockSeen, actor: Actor, event: Pick<AuditEvent, 'targetType' | 'targetId'>): Promise<void> {
    const rule = {
      maxMismatches: await this.platform.params.get(paymentsParams.queryMaxMismatches),
      lockHours: await this.platform.params.get(paymentsParams.queryLockHours),
    };
    const now = new Date();
    const counted = afterMismatch(seen.lock, now, rule);
    if (!locksNow(seen.lock, counted, now) && (await repo.saveQueryLockIf(this.platform.db, lockKey, counted, seen))) return;
    await this.platform.db.transaction(async (tx) => {
      const before = await repo.queryLock(tx, lockKey, true);
      const at = new Date();
      const after = afterMismatch(before, at, rule);
      await repo.saveQueryLock(tx, lockKey, after);
      if (locksNow(before, after, at)) {
        await audit(tx, actor, { ...event, action: 'payments.violation-query-lock', details: { until: after.lockedUntil!.toISOString() } });
        await noticeQueryLock(this.platform, tx, actor, {
          lockKey,
          plateDigest: String(event.targetId),
          until: after.lockedUntil!,
          maxMismatches: rule.maxMismatches,
        });
      }
    });
  }

  /**
   * A token of each per-minute bucket, in one statement (each bucket on its own: a full one does not spare the others),
   * which also reads the partner's mismatch lock on the plate (checked next, in the audited call; a mismatch counts on
   * it).
   */
  private async limit(perMinuteBuckets: [key: string, perMinute: number][], lockKey: string): Promise<LockSeen> {
    return repo.lockSeen(await takePerMinuteReading(this.buckets, perMinuteBuckets, repo.lockRead(lockKey)));
  }
}
