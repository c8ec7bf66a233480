import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { SERVICE_SCOPES, type ServiceRejectionCode, type ServiceScope } from '@shtp/core/platform';
import { sm2PublicKeyOf } from '@shtp/gm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AuditEvent, audit, CallAuditJoin } from '../audit/audit.ts';
import { actorOf } from '../http/access.ts';
import type { AppError } from '../http/errors.ts';
import { asArray } from '../http/route-hooks.ts';
import type { Platform } from '../platform.ts';
import { addressAllowed } from './address-allowlist.ts';
import { canonicalRequest, canonicalResponse, NONCE_PATTERN, SIGN_HEADERS, splitTarget } from './canonical.ts';
import { readBody, replayBody } from './request-body.ts';
import { type CachedAccount, serviceAccountCacheOf } from './service-account-cache.ts';
import { serviceAccountParams } from './service-accounts.params.ts';
import { serviceAccountsRepository } from './service-accounts.repository.ts';
import { ServiceAccountsService } from './service-accounts.service.ts';
import { SERVICE_SIGN_KEY } from './service-accounts.ts';
import type { ServiceCaller } from './service-caller.ts';
import { serviceRejection, serviceRejectionMessage } from './service-rejection.ts';
import { type SigningKey, signText, verifyText } from './signature.ts';
import { takeOf } from './token-bucket.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route also accepts signed calls of service accounts (接入应用) holding this scope, besides the
     * sessions its `access` rule admits.
     */
    service?: ServiceScope;
  }
  interface FastifyRequest {
    serviceCaller: ServiceCaller | null;
  }
}

/** A signed call in progress: what the reply hook needs to audit and sign it. */
interface CallState {
  appId: string;
  startedAt: number;
  rejection: ServiceRejectionCode | null;
}
const calls = new WeakMap<FastifyRequest, CallState>();

/** Nonces are kept at least this long (SECURITY.md §3), and at least twice the timestamp tolerance. */
const NONCE_RETENTION_MIN_SECONDS = 600;
const KNOWN_SCOPES = new Set<string>(SERVICE_SCOPES.map((s) => s.code));

const headerOf = (request: FastifyRequest, name: string) => {
  const v = request.headers[name];
  return typeof v === 'string' ? v : undefined;
};
const routeOf = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url}`;

/**
 * Signed calls of service accounts on the routes that declare `config.service`. A request carrying
 * `X-App-Id` is checked, in this order, for: a known active app (APP_UNKNOWN), the source address
 * (IP_DENIED), the timestamp (TS_EXPIRED), the signature over the canonical string with the body's SM3
 * (SIGN_INVALID), a fresh nonce (REPLAY), the route's scope (SCOPE_DENIED) and the app's token bucket
 * (RATE_LIMITED). Then the session guard is skipped, the handler sees the app as its actor, and the reply
 * is signed. Every signed call gets one audit record (`service.call` or `service.reject` with its code).
 * Requests without `X-App-Id` go through the session guard as before.
 */
export function installServiceAccounts(app: FastifyInstance, platform: Platform): void {
  app.decorateRequest('serviceCaller', null);
  const accounts = new ServiceAccountsService(platform.db, platform.fields, platform.keys, platform.params);
  const cache = serviceAccountCacheOf(platform.db);

  /** The active account of an app ID with its keys, from the instance's cache or read (and decrypted) afresh. */
  const activeAccount = async (appId: string): Promise<CachedAccount | undefined> => {
    const maxAgeMs = await platform.params.get(platform.authParams.sessionCacheMaxAgeMs);
    const hit = cache.get(appId, maxAgeMs);
    if (hit) return hit;
    const started = cache.readStarted();
    const row = await serviceAccountsRepository.byAppId(platform.db, appId);
    if (row?.a.status !== 'active') return undefined;
    const fresh = { row, keys: await accounts.keysOf(row.a) };
    if (maxAgeMs > 0) cache.put(appId, fresh, started);
    return fresh;
  };

  /** The server's SM2 reply key with its public key, derived once per key version (not on every signed reply). */
  let replyKeyMemo: SigningKey | null = null;
  const serverReplyKey = (): SigningKey => {
    const privateKey = platform.keys.current(SERVICE_SIGN_KEY.purpose).material.toString('hex');
    if (replyKeyMemo?.alg !== 'SM2' || replyKeyMemo.privateKey !== privateKey) {
      replyKeyMemo = { alg: 'SM2', privateKey, publicKey: sm2PublicKeyOf(privateKey) };
    }
    return replyKeyMemo;
  };

  const reject = (request: FastifyRequest, reply: FastifyReply, code: ServiceRejectionCode, detail?: string): AppError => {
    const state = calls.get(request);
    if (state) state.rejection = code;
    if (code === 'RATE_LIMITED' && detail) reply.header('retry-after', detail);
    return serviceRejection(code, code === 'RATE_LIMITED' ? `请 ${detail} 秒后重试` : detail);
  };

  const guard = async (request: FastifyRequest, reply: FastifyReply, payload: Readable) => {
    const appId = headerOf(request, SIGN_HEADERS.appId);
    if (appId === undefined) return payload; // a session caller
    calls.set(request, { appId: appId.slice(0, 64), startedAt: performance.now(), rejection: null });

    const cached = await activeAccount(appId);
    if (!cached) throw reject(request, reply, 'APP_UNKNOWN');
    const { row, keys } = cached;
    const account = row.a;
    if (!addressAllowed(account.ipAllowlist, request.ip)) throw reject(request, reply, 'IP_DENIED');

    const timestamp = headerOf(request, SIGN_HEADERS.timestamp) ?? '';
    const toleranceSeconds = await platform.params.get(serviceAccountParams.timestampToleranceSeconds);
    if (!/^\d{1,16}$/.test(timestamp)) throw reject(request, reply, 'TS_EXPIRED', 'X-Timestamp 须为毫秒时间戳');
    if (Math.abs(Date.now() - Number(timestamp)) > toleranceSeconds * 1000) throw reject(request, reply, 'TS_EXPIRED');

    const body = await readBody(request, payload, (await platform.params.get(serviceAccountParams.maxBodyMegabytes)) * 1024 * 1024);
    const nonce = headerOf(request, SIGN_HEADERS.nonce) ?? '';
    const signature = headerOf(request, SIGN_HEADERS.signature) ?? '';
    const alg = headerOf(request, SIGN_HEADERS.alg);
    if (alg !== account.signAlg) throw reject(request, reply, 'SIGN_INVALID', `X-Sign-Alg 须为 ${account.signAlg}`);
    if (!NONCE_PATTERN.test(nonce)) throw reject(request, reply, 'SIGN_INVALID', 'X-Nonce 须为 16–64 位字母、数字、下划线或连字符');
    const text = canonicalRequest({ method: request.method, target: request.url, body, timestamp, nonce, appId });
    const previousValid = account.previousValidUntil !== null && account.previousValidUntil.getTime() > Date.now();
    const verifiedWith = [keys.current, previousValid ? keys.previous : null].find((k) => k !== null && verifyText(text, signature, k));
    if (!verifiedWith) throw reject(request, reply, 'SIGN_INVALID');

    // The nonce is claimed before anything is answered; with the route's scope held, the app's token is taken and its
    // use recorded in the same round trip (only once the nonce is claimed: a replay spends no token).
    const retentionSeconds = Math.max(NONCE_RETENTION_MIN_SECONDS, 2 * toleranceSeconds);
    const expiresAt = new Date(Date.now() + retentionSeconds * 1000);
    const scope = request.routeOptions.config.service!;
    const inScope = account.scopes.includes(scope);
    const bucket = { key: appId, rps: account.rateLimitRps, burst: account.rateLimitBurst };
    const admitted = inScope
      ? await serviceAccountsRepository.admit(platform.db, { appId, nonce, expiresAt, accountId: account.id, bucket })
      : { claimed: await serviceAccountsRepository.claimNonce(platform.db, appId, nonce, expiresAt), bucket: null };
    if (!admitted.claimed) throw reject(request, reply, 'REPLAY');

    // Authenticated from here on: refusals below are signed, and a session cookie sent along is ignored.
    request.auth = null;
    request.serviceCaller = {
      accountId: account.id,
      appId,
      name: account.name,
      department: { id: account.departmentId, name: row.departmentName, path: row.departmentPath },
      permissions: new Set(account.scopes),
      replyKey: verifiedWith.alg === 'HMAC-SM3' ? verifiedWith : serverReplyKey(),
      callAudit: new CallAuditJoin(),
    };
    if (!inScope) throw reject(request, reply, 'SCOPE_DENIED', `需要授权范围 ${scope}`);
    const taken = takeOf(admitted.bucket!, bucket.rps);
    if (!taken.ok) throw reject(request, reply, 'RATE_LIMITED', String(taken.retryAfterSeconds));
    return replayBody(request, body);
  };

  const auditAndSign = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const state = calls.get(request);
    if (!state) return payload;
    const status = reply.statusCode;
    const code = state.rejection;
    const caller = request.serviceCaller;
    // An admitted call's record is written with the records of its reads that joined it (one group commit).
    const record = {
      action: code ? 'service.reject' : 'service.call',
      result: status < 400 ? 'success' : 'failure',
      targetType: 'route',
      targetId: routeOf(request),
      reason: code ? serviceRejectionMessage(code) : undefined,
      details: { appId: state.appId, status, latencyMs: Math.round(performance.now() - state.startedAt), ...(code ? { code } : {}) },
    } satisfies AuditEvent;
    if (caller) await caller.callAudit.close(platform.db, actorOf(request), record);
    else await audit(platform.db, actorOf(request), record);
    if (!caller || (payload !== null && payload !== undefined && typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const body = payload === null || payload === undefined ? Buffer.alloc(0) : Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
    const timestamp = String(Date.now());
    const nonce = randomBytes(16).toString('hex');
    const text = canonicalResponse({ status, path: splitTarget(request.url).path, body, timestamp, nonce, appId: caller.appId });
    reply.header(SIGN_HEADERS.timestamp, timestamp);
    reply.header(SIGN_HEADERS.nonce, nonce);
    reply.header(SIGN_HEADERS.alg, caller.replyKey.alg);
    reply.header(SIGN_HEADERS.signature, signText(text, caller.replyKey));
    return payload;
  };

  app.addHook('onRoute', (route) => {
    const scope = route.config?.service;
    if (scope === undefined) return;
    if (!KNOWN_SCOPES.has(scope)) throw new Error(`route ${route.url} opens itself to an unknown service scope ${scope}`);
    if (route.config?.access === 'public') throw new Error(`route ${route.url} is public: it needs no service scope`);
    // Route-level hooks run after the global ones: the session cookie is resolved first, then replaced.
    route.preParsing = [...asArray(route.preParsing), guard];
    route.onSend = [...asArray(route.onSend), auditAndSign];
  });
}
