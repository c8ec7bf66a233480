import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface OverloadLimits {
  /** Requests worked on at once; more wait in a queue. */
  maxInFlight: number;
  /** Requests that may wait; beyond it a new one is answered 503 at once. */
  maxQueued: number;
  /** How long a request may wait for its turn before it is answered 503 instead. */
  queueTimeoutMs: number;
  /** Queries waiting for a database connection; beyond it the pool is saturated and new requests are shed too. */
  maxDbWaiting: number;
  /** What Retry-After tells a shed client, in seconds. */
  retryAfterSeconds: number;
}

/** Queries waiting for a pooled connection (0 for the embedded database, which has no pool). */
export type DbWaiting = () => number;

/** Paths that answer without the database and must stay reachable under overload (the load balancer's probe). */
const ALWAYS_SERVED = new Set(['/api/health']);
/** A request whose client left while it was worked on frees its slot when its work ends, or after this at the latest. */
const ABANDONED_GRACE_MS = 30_000;

/**
 * Overload queues briefly, then sheds — never errors or hangs (N1). At most `maxInFlight` requests are worked on;
 * the next ones wait in a bounded FIFO queue; a request that finds the queue full or the database pool saturated, or
 * that waits longer than `queueTimeoutMs`, is answered 503 with Retry-After before it touches the session or the
 * database. A slot is freed when the work of its request ends — not when the client gives up — so abandoned work
 * cannot pile up behind the limit. A request whose client went away while it waited is dropped before its handler
 * runs: nothing is read, so nothing goes unaudited.
 *
 * At most `maxInFlight` requests also *start* per turn of the event loop; the others wait in the queue for the next
 * turn. libuv accepts one new connection per turn, so a saturated turn that answered ~1,000 quick requests (session
 * cache hits) kept new connections in the accept queue for seconds (docs/benchmarks/http.md, the `/me` "hang").
 */
export function installOverloadGuard(app: FastifyInstance, limits: OverloadLimits, dbWaiting: DbWaiting): { inFlight(): number; queued(): number } {
  let inFlight = 0;
  /** Requests started in this turn of the event loop; set back to 0 by an immediate scheduled with the first. */
  let startedThisTurn = 0;
  const queue: (() => void)[] = [];
  const finishers = new WeakMap<FastifyRequest, () => void>();

  const nextTurn = () => {
    startedThisTurn = 0;
    admitNext();
  };
  const start = () => {
    inFlight++;
    if (startedThisTurn++ === 0) setImmediate(nextTurn);
  };
  const mayStart = () => inFlight < limits.maxInFlight && startedThisTurn < limits.maxInFlight;
  const admitNext = () => {
    while (mayStart() && queue.length > 0) {
      start();
      queue.shift()!();
    }
  };
  const shed = (reply: FastifyReply) =>
    reply.header('retry-after', String(limits.retryAfterSeconds)).status(503).send({ code: 'OVERLOADED', message: '系统繁忙，请稍后重试', details: [] });
  const waitForTurn = () =>
    new Promise<boolean>((resolve) => {
      const admit = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(admit), 1);
        resolve(false);
      }, limits.queueTimeoutMs);
      queue.push(admit);
    });
  const track = (request: FastifyRequest, reply: FastifyReply) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      admitNext();
    };
    finishers.set(request, finish);
    reply.raw.once('finish', finish);
    reply.raw.once('close', () => {
      if (!done) setTimeout(finish, ABANDONED_GRACE_MS).unref();
    });
  };
  const clientGone = (request: FastifyRequest) => !request.raw.socket || request.raw.socket.destroyed;
  const drop = (request: FastifyRequest, reply: FastifyReply) => {
    request.log.info('客户端已断开，请求未处理');
    reply.hijack();
    reply.raw.destroy();
    finishers.get(request)?.();
  };

  // The first onRequest hook of the app: nothing (session, rate limits) runs for a shed request.
  app.addHook('onRequest', async (request, reply) => {
    if (ALWAYS_SERVED.has(request.url)) return;
    if (dbWaiting() >= limits.maxDbWaiting) return shed(reply);
    // First come, first served: nobody overtakes a waiting request. A full queue still lets a request take a free slot.
    if (mayStart() && queue.length === 0) start();
    else if (queue.length < limits.maxQueued) {
      if (!(await waitForTurn())) return shed(reply);
    } else if (inFlight < limits.maxInFlight) start();
    else return shed(reply);
    track(request, reply);
    if (clientGone(request)) drop(request, reply);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (clientGone(request)) drop(request, reply);
  });
  // An abandoned request's work is done once its answer is ready (a live one's when the answer has gone out).
  app.addHook('onSend', async (request) => {
    if (clientGone(request)) finishers.get(request)?.();
  });
  return { inFlight: () => inFlight, queued: () => queue.length };
}
