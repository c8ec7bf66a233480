import { randomBytes } from 'node:crypto';
import type {
  ServiceAccount,
  ServiceAccountCreateBody,
  ServiceAccountCredential,
  ServiceAccountListQuery,
  ServiceAccountRotateBody,
  ServiceAccountStatus,
  ServiceAccountUpdateBody,
  ServiceSignAlg,
} from '@shtp/core/platform';
import { sm2IsValidPublicKey, sm2NormalizePublicKey, sm2PublicKeyFromPem, sm3Hex } from '@shtp/gm';
import { type Actor, audit } from '../audit/audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { FieldCrypto } from '../keys/field-crypto.ts';
import type { KeyStore } from '../keys/keystore.ts';
import type { ParamsService } from '../params/params.service.ts';
import { serviceAccountCacheOf } from './service-account-cache.ts';
import { serviceAccountParams } from './service-accounts.params.ts';
import { serviceAccountsRepository as repo, type ServiceAccountRecord, type ServiceAccountRow } from './service-accounts.repository.ts';
import { SECRET_CONTEXT, SERVICE_SIGN_KEY } from './service-accounts.ts';
import type { AccountKeys } from './signature.ts';

/** First 16 hex digits of SM3 over a public key: for the audit log and comparing with the partner, never the key. */
const fingerprint = (publicKey: string) => sm3Hex(publicKey).slice(0, 16);

/** The operator's paste (PEM, uncompressed or compressed hex) as uncompressed hex, or a field error. */
function parsePublicKey(input: string): string {
  try {
    const hex = input.includes('BEGIN') ? sm2PublicKeyFromPem(input) : sm2NormalizePublicKey(input.replace(/\s+/g, '').toLowerCase());
    if (sm2IsValidPublicKey(hex)) return hex;
  } catch {
    // reported below
  }
  throw badRequest('VALIDATION_FAILED', 'SM2 公钥无效', [{ field: 'publicKey', message: '须为 SM2 公钥（PEM，或 04 开头的 130 位十六进制）' }]);
}

/** 接入应用管理: service accounts, their secrets or public keys, scopes and limits. Every change is audited. */
export class ServiceAccountsService {
  constructor(
    private readonly db: Db,
    private readonly fields: FieldCrypto,
    private readonly keys: KeyStore,
    private readonly params: ParamsService,
  ) {}

  async list(q: ServiceAccountListQuery) {
    const { rows, total } = await repo.list(this.db, q);
    return { items: rows.map((r) => this.present(r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** HMAC-SM3 accounts get a generated secret, returned here once; SM2 accounts register the partner's public key. */
  async create(body: ServiceAccountCreateBody, actor: Actor): Promise<ServiceAccountCredential> {
    const publicKey = body.signAlg === 'SM2' ? parsePublicKey(body.publicKey ?? '') : null;
    const secret = body.signAlg === 'HMAC-SM3' ? randomBytes(32).toString('hex') : null;
    const secretEnc = secret === null ? null : await this.fields.encrypt(secret, SECRET_CONTEXT);
    const appId = `app_${randomBytes(8).toString('hex')}`;
    const id = await this.db.transaction(async (tx) => {
      await this.checkDepartment(tx, body.departmentId);
      const created = await repo.insert(tx, {
        appId,
        name: body.name,
        departmentId: body.departmentId,
        scopes: body.scopes,
        ipAllowlist: body.ipAllowlist,
        signAlg: body.signAlg,
        secretEnc,
        publicKey,
        rateLimitRps: body.rateLimitRps,
        rateLimitBurst: body.rateLimitBurst,
        createdBy: actor.userId,
      });
      await audit(tx, actor, {
        action: 'service-account.create',
        targetType: 'service_account',
        targetId: appId,
        details: {
          name: body.name,
          departmentId: body.departmentId,
          scopes: body.scopes,
          ipAllowlist: body.ipAllowlist,
          signAlg: body.signAlg,
          ...(publicKey ? { keyFingerprint: fingerprint(publicKey) } : {}),
          rateLimit: { rps: body.rateLimitRps, burst: body.rateLimitBurst },
        },
      });
      return created;
    });
    return { account: await this.get(id), secret };
  }

  /** Scopes, addresses, status, limits, name or department; the audit record lists what changed. */
  async update(id: number, body: ServiceAccountUpdateBody, actor: Actor): Promise<ServiceAccount> {
    await this.db.transaction(async (tx) => {
      const current = await repo.byId(tx, id, true);
      if (!current) throw notFound('接入应用');
      if (body.departmentId !== undefined) await this.checkDepartment(tx, body.departmentId);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const note = (field: keyof ServiceAccountUpdateBody & keyof ServiceAccountRecord) => {
        const before = current.a[field];
        const after = body[field];
        if (after !== undefined && JSON.stringify(after) !== JSON.stringify(before)) changes[field] = { before, after };
      };
      for (const f of ['name', 'departmentId', 'scopes', 'ipAllowlist', 'status', 'rateLimitRps', 'rateLimitBurst'] as const) note(f);
      if (Object.keys(changes).length === 0) return;
      await repo.update(tx, id, body);
      const action = changes.status ? (body.status === 'disabled' ? 'service-account.disable' : 'service-account.enable') : 'service-account.update';
      await audit(tx, actor, { action, targetType: 'service_account', targetId: current.a.appId, details: changes });
    });
    serviceAccountCacheOf(this.db).invalidate(); // committed: this instance's next call reads the change
    return this.get(id);
  }

  /**
   * A new HMAC secret (returned once) or a new SM2 public key. The previous one is still accepted for the
   * overlap parameter (0: it stops at once).
   */
  async rotate(id: number, body: ServiceAccountRotateBody, actor: Actor): Promise<ServiceAccountCredential> {
    const newKey = body?.publicKey;
    const overlapSeconds = await this.params.get(serviceAccountParams.rotationOverlapSeconds);
    const validUntil = overlapSeconds > 0 ? new Date(Date.now() + overlapSeconds * 1000) : null;
    const row = await repo.byId(this.db, id);
    if (!row) throw notFound('接入应用');
    let secret: string | null = null;
    let secretEnc: string | null = null;
    let publicKey: string | null = null;
    if (row.a.signAlg === 'HMAC-SM3') {
      if (newKey) throw badRequest('VALIDATION_FAILED', 'HMAC-SM3 应用由系统生成新密钥，不需要公钥', [{ field: 'publicKey', message: '此应用不使用公钥' }]);
      secret = randomBytes(32).toString('hex');
      secretEnc = await this.fields.encrypt(secret, SECRET_CONTEXT);
    } else {
      if (!newKey) throw badRequest('VALIDATION_FAILED', '请填写新的 SM2 公钥', [{ field: 'publicKey', message: 'SM2 应用轮换须填写对方的新公钥' }]);
      publicKey = parsePublicKey(newKey);
    }
    await this.db.transaction(async (tx) => {
      const locked = await repo.byId(tx, id, true);
      if (!locked) throw notFound('接入应用');
      const a = locked.a;
      await repo.update(
        tx,
        id,
        a.signAlg === 'HMAC-SM3'
          ? { secretEnc, previousSecretEnc: validUntil ? a.secretEnc : null, previousValidUntil: validUntil }
          : { publicKey, previousPublicKey: validUntil ? a.publicKey : null, previousValidUntil: validUntil },
      );
      await audit(tx, actor, {
        action: 'service-account.rotate',
        targetType: 'service_account',
        targetId: a.appId,
        details: {
          signAlg: a.signAlg,
          previousValidUntil: validUntil?.toISOString() ?? null,
          ...(publicKey && a.publicKey ? { keyFingerprint: { before: fingerprint(a.publicKey), after: fingerprint(publicKey) } } : {}),
        },
      });
    });
    serviceAccountCacheOf(this.db).invalidate(); // committed: the old key stops (or its overlap starts) at the next call
    return { account: await this.get(id), secret };
  }

  /** The verifying keys of an account row (secrets decrypted in memory, never logged). */
  async keysOf(a: ServiceAccountRecord, now = Date.now()): Promise<AccountKeys> {
    const previousValid = a.previousValidUntil !== null && a.previousValidUntil.getTime() > now;
    if (a.signAlg === 'SM2') {
      return {
        current: { alg: 'SM2', publicKey: a.publicKey! },
        previous: previousValid && a.previousPublicKey ? { alg: 'SM2', publicKey: a.previousPublicKey } : null,
      };
    }
    return {
      current: { alg: 'HMAC-SM3', secret: await this.fields.decrypt(a.secretEnc!, SECRET_CONTEXT) },
      previous: previousValid && a.previousSecretEnc ? { alg: 'HMAC-SM3', secret: await this.fields.decrypt(a.previousSecretEnc, SECRET_CONTEXT) } : null,
    };
  }

  private present(r: ServiceAccountRow): ServiceAccount {
    const a = r.a;
    const sm2 = a.signAlg === 'SM2';
    const previousValid = a.previousValidUntil !== null && a.previousValidUntil.getTime() > Date.now();
    return {
      id: a.id,
      appId: a.appId,
      name: a.name,
      departmentId: a.departmentId,
      departmentName: r.departmentName,
      status: a.status as ServiceAccountStatus,
      scopes: a.scopes,
      ipAllowlist: a.ipAllowlist,
      signAlg: a.signAlg as ServiceSignAlg,
      publicKey: a.publicKey,
      serverPublicKey: sm2 ? (this.keys.current(SERVICE_SIGN_KEY.purpose).publicKey ?? null) : null,
      previousKeyValidUntil: previousValid ? a.previousValidUntil!.toISOString() : null,
      rateLimitRps: a.rateLimitRps,
      rateLimitBurst: a.rateLimitBurst,
      lastUsedAt: a.lastUsedAt?.toISOString() ?? null,
      createdBy: r.createdByName,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }

  private async get(id: number): Promise<ServiceAccount> {
    const row = await repo.byId(this.db, id);
    if (!row) throw notFound('接入应用');
    return this.present(row);
  }

  private async checkDepartment(db: DbOrTx, id: number): Promise<void> {
    if (!(await repo.departmentExists(db, id))) {
      throw badRequest('VALIDATION_FAILED', '所属部门不存在', [{ field: 'departmentId', message: '所属部门不存在' }]);
    }
  }
}
