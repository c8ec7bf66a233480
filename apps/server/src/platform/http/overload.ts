import type { FastifyInstance } from 'fastify';

export interface OverloadLimits {
  /** Requests being served at once; beyond it a new one is answered 503 at once instead of queueing without bound. */
  maxInFlight: number;
  /** Queries waiting for a database connection; beyond it the pool is saturated and new requests are shed too. */
  maxDbWaiting: number;
  /** What Retry-After tells a shed client, in seconds. */
  retryAfterSeconds: number;
}

/** Queries waiting for a pooled connection (0 for the embedded database, which has no pool). */
export type DbWaiting = () => number;

/** Paths that answer without the database and must stay reachable under overload (the load balancer's probe). */
const ALWAYS_SERVED = new Set(['/api/health']);

/**
 * Overload sheds, never errors (N1): a request that arrives while the node is saturated is answered 503 with
 * Retry-After before it touches the session or the database, so the node degrades into fast refusals rather than
 * timeouts, 500s or a queue that grows until clients give up. A request whose client went away while it waited is
 * dropped before its handler runs: nothing is read, so nothing goes unaudited.
 */
export function installOverloadGuard(app: FastifyInstance, limits: OverloadLimits, dbWaiting: DbWaiting): { inFlight(): number } {
  let inFlight = 0;
  // The first onRequest hook of the app: nothing (session, rate limits) runs for a shed request.
  app.addHook('onRequest', async (request, reply) => {
    if (ALWAYS_SERVED.has(request.url)) return;
    if (inFlight >= limits.maxInFlight || dbWaiting() >= limits.maxDbWaiting) {
      reply.header('retry-after', String(limits.retryAfterSeconds)).header('connection', 'close');
      return reply.status(503).send({ code: 'OVERLOADED', message: '系统繁忙，请稍后重试', details: [] });
    }
    inFlight++;
    // 'close' follows every response, sent or abandoned.
    reply.raw.once('close', () => inFlight--);
  });
  app.addHook('preHandler', async (request, reply) => {
    const socket = request.raw.socket;
    if (socket && !socket.destroyed) return;
    request.log.info('客户端已断开，请求未处理');
    reply.hijack();
    reply.raw.destroy();
  });
  return { inFlight: () => inFlight };
}
