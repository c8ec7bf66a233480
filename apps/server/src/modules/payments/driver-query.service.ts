import { driverLicenceStateName } from '@shtp/core/payments';
import { assertedCitizen } from '../../integrations/ssb-identity/asserted-citizen.ts';
import type { SsbIdentityPort } from '../../integrations/ssb-identity/ssb-identity.port.ts';
import type { Actor } from '../../platform/audit/actor.ts';
import { auditedCall } from '../../platform/audit/audited-call.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { TokenBuckets } from '../../platform/service-accounts/token-bucket.ts';
import type { ExchangeApi } from '../exchange/exchange.api.ts';
import { citizenBucket, citizenQueryKey, takePerMinute } from './query-limits.ts';

/** What a partner sends for its citizen: the 随申办 hub's signed assertion (required), and its own word for the openid. */
export interface DriverQuery {
  assertion: string;
  openid?: string;
}

/** The citizen's own driving licence (六合一 field names; name and numbers masked as they crossed the gap). */
export interface DriverLicenceAnswer {
  /** 姓名 (name rule). */
  xm: string;
  /** 驾驶证号 = 身份证明号码 (ID-number rule). */
  jszh: string;
  /** 档案编号 (first 2 + last 2). */
  dabh: string;
  /** 准驾车型. */
  zjcx: string;
  /** 驾驶证状态 code(s) and their names. */
  zt: string;
  ztmc: string;
  /** 有效期止. */
  yxqz: string;
  /** 累积记分 in the current 记分周期. */
  ljjf: number;
  requestId: string | null;
}

/** One answer for a licence not found and for one that is not the citizen's (no oracle of who holds a licence). */
const notFoundOrMismatch = () => new AppError(404, 'NOT_FOUND_OR_MISMATCH', '未查询到与您实名身份相符的驾驶证信息');
const realNameRequired = () =>
  new AppError(403, 'REAL_NAME_REQUIRED', '随申办身份断言未含实名认证信息（身份证号），不能查询本人驾驶证，请先在随申办完成实名认证');

/**
 * Whether a record, found by the holder digest, also agrees with the asserted number where its masked form shows it
 * (first and last character of the ID-number rule): a second check besides the digest, answered as a miss if not.
 */
const agrees = (maskedIdNumber: unknown, idNumber: string): boolean => {
  const masked = String(maskedIdNumber ?? '');
  const id = idNumber.trim().toUpperCase();
  return masked.length === id.length && masked[0] === id[0] && masked.at(-1) === id.at(-1);
};

/**
 * G2: a citizen's own driving licence through a partner's signed call. The holder is proven by the hub's real-name
 * assertion alone: its ID number is digested with the exchange's holder key (never stored or logged here) and the
 * drivers data set is searched by that digest, so the clear number never left the police zone. Limited per citizen
 * with the violation query's bucket (the platform limits per partner), every call audited by the openid's digest.
 */
export class DriverQueryService {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly platform: Platform,
    private readonly exchange: () => ExchangeApi,
    private readonly identities: SsbIdentityPort,
  ) {
    this.buckets = new TokenBuckets(platform.db);
  }

  async query(q: DriverQuery, actor: Actor): Promise<DriverLicenceAnswer> {
    const asserted = assertedCitizen(this.identities, q);
    if (!asserted) throw new AppError(401, 'ASSERTION_INVALID', '请提供随申办身份断言');
    const citizenKey = await citizenQueryKey(this.platform, asserted.openid);
    const event = {
      action: 'payments.driver-query',
      targetType: 'citizen',
      targetId: citizenKey.slice(0, 32),
      details: { realName: Boolean(asserted.person) },
    };
    return auditedCall(this.platform.db, actor, event, async () => {
      await takePerMinute(this.buckets, [await citizenBucket(this.platform, citizenKey)]);
      const idNumber = asserted.person?.idNumber;
      if (!idNumber) throw realNameRequired();
      const r = await this.exchange().receivedForHolder('drivers', idNumber);
      if (!r || !agrees(r.idNumber, idNumber)) throw notFoundOrMismatch();
      const zt = String(r.state ?? '');
      const answer: DriverLicenceAnswer = {
        xm: String(r.name ?? ''),
        jszh: String(r.idNumber ?? ''),
        dabh: String(r.fileNo ?? ''),
        zjcx: String(r.licenceClass ?? ''),
        zt,
        ztmc: driverLicenceStateName(zt),
        yxqz: String(r.validUntil ?? ''),
        ljjf: Number(r.points ?? 0),
        requestId: actor.requestId,
      };
      return { result: answer, details: { found: 1 } };
    });
  }
}
