import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from 'fastify';
import type { Platform } from '../platform.ts';
import { conflict } from './errors.ts';
import { type Claim, idempotencyRepository as repo, type StoredKey } from './idempotency.repository.ts';
import { idempotencyKeyOf, idempotencyKeyReused, requestDigest } from './idempotency-key.ts';
import { ANSWER_CONTEXT, idempotencyParams } from './idempotency-store.ts';
import { asArray } from './route-hooks.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route may be repeated with an Idempotency-Key (a handheld on a poor network, a client that retries): the
     * first answer is kept and a retry gets it again instead of doing the work twice (idempotency.ts).
     */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotencyClaim: Claim | null;
  }
}

/** How long a request holds its key before a retry of the same request may take it over (it failed without answering). */
const LEASE_SECONDS = 300;
/** How long a duplicate waits for the request holding the key before it is told to retry later (409). */
const WAIT = { everyMs: 200, times: 100 };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whose key it is: one caller never gets another's answer, whatever key it sends. */
function ownerOf(request: FastifyRequest): string {
  if (request.serviceCaller) return `app:${request.serviceCaller.appId}`;
  if (request.auth) return `user:${request.auth.principal.user.id}`;
  throw new Error(`idempotent route ${request.routeOptions.url} reached without a caller`);
}

/**
 * The Idempotency-Key of every route that declares `config.idempotent` (docs/api/platform-routes.md). Without the
 * header the route runs as usual. With it — after the access check and the body's validation — the key is taken for
 * the caller with the keyed digest of the request; then:
 * - a retry of an answered request gets the stored answer again (header `Idempotent-Replayed: true`), without running;
 * - the same key on a different request is refused (422 `IDEMPOTENCY_KEY_REUSED`);
 * - a duplicate that arrives while the first still runs waits for its answer (409 `IDEMPOTENCY_KEY_IN_PROGRESS` if
 *   that takes too long), in this process or another;
 * - a 2xx answer is stored before it is sent; an error answer gives the key back (nothing was done: a retry runs).
 * Work a module must not do twice even if the server fails between its commit and the stored answer keeps its key in
 * its own transaction instead (the e-bike ledger), with the same header, digest and 422 (idempotency-key.ts).
 */
export function installIdempotency(app: FastifyInstance, platform: Platform): void {
  app.decorateRequest('idempotencyClaim', null);
  const db = platform.db;

  const takeKey: preHandlerHookHandler = async (request, reply) => {
    const key = idempotencyKeyOf(request);
    if (key === undefined) return;
    const owner = ownerOf(request);
    const digest = requestDigest(platform.keys, request);
    const retentionHours = await platform.params.get(idempotencyParams.retentionHours);
    const route = `${request.method} ${request.routeOptions.url}`;
    for (let waited = 0; ; waited++) {
      const claim = await repo.claim(db, { owner, key, route, digest }, LEASE_SECONDS, retentionHours);
      if (claim) {
        request.idempotencyClaim = claim;
        return;
      }
      const held = await repo.find(db, owner, key);
      if (!held) continue; // given back or purged in between: take it
      if (held.digest !== digest) throw idempotencyKeyReused();
      if (held.state === 'done') return replay(reply, held);
      if (waited >= WAIT.times) throw conflict('IDEMPOTENCY_KEY_IN_PROGRESS', '使用同一 Idempotency-Key 的请求仍在处理，请稍后重试');
      await sleep(WAIT.everyMs);
    }
  };

  const replay = async (reply: FastifyReply, held: StoredKey) => {
    const body = held.responseEnc ? await platform.fields.decrypt(held.responseEnc, ANSWER_CONTEXT) : '';
    reply.code(held.statusCode ?? 200).header('idempotent-replayed', 'true');
    if (held.contentType) reply.header('content-type', held.contentType);
    return reply.send(body === '' ? undefined : body);
  };

  // First of the route's onSend hooks: the answer as the handler made it, before an envelope seals it for the device.
  const keepAnswer: onSendHookHandler = async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    const storable = payload === null || payload === undefined || typeof payload === 'string';
    try {
      if (reply.statusCode < 300 && storable) {
        const contentType = reply.getHeader('content-type');
        await repo.complete(db, claim, {
          statusCode: reply.statusCode,
          contentType: typeof contentType === 'string' ? contentType : null,
          responseEnc: await platform.fields.encrypt(payload ?? '', ANSWER_CONTEXT),
        });
      } else {
        if (reply.statusCode < 300) request.log.warn({ route: request.routeOptions.url }, 'idempotent route answered with a stream: not kept');
        await repo.release(db, claim);
      }
    } catch (err) {
      // The answer still goes out; a retry after the lease runs the request again.
      request.log.error({ err }, 'Idempotency-Key answer not kept');
    }
    return payload;
  };

  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    const where = `idempotent route ${[route.method].flat().join(',')} ${route.url}`;
    if ([route.method].flat().some((m) => SAFE_METHODS.has(m))) throw new Error(`${where}: only a route that changes state needs a key`);
    if (route.config.access === 'public') throw new Error(`${where}: keys are kept per caller, a public route has none`);
    const consumes = (route.schema as { consumes?: string[] } | undefined)?.consumes ?? [];
    // The digest covers the parsed body; a multipart body is read by the handler, after the key is taken.
    if (consumes.includes('multipart/form-data')) throw new Error(`${where}: uploads cannot take a key yet`);
    route.preHandler = [...asArray(route.preHandler), takeKey];
    route.onSend = [keepAnswer, ...asArray(route.onSend)];
  });
}
