import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type SimulatorFault, SimulatorFaults } from '../simulator-faults.ts';
import { CURSOR, FEED_PATH, MAX_PAGE } from './vehicle-admin.port.ts';

/** Where the simulator's businesses come from (the module's demo feed: a seeded, labelled year). */
export type SimulatedFeed = () => Promise<unknown[]>;

const Query = z.object({
  after: z.string().regex(CURSOR, '游标格式无效').optional(),
  limit: z.coerce
    .number({ error: `每页条数须为 1–${MAX_PAGE}` })
    .int(`每页条数须为 1–${MAX_PAGE}`)
    .min(1, `每页条数须为 1–${MAX_PAGE}`)
    .max(MAX_PAGE, `每页条数须为 1–${MAX_PAGE}`),
});

export interface VehicleAdminSimulator {
  url: string;
  app: FastifyInstance;
  /** Makes the next `count` requests fail: hang (until the client gives up) or answer 503. */
  injectFault(fault: SimulatorFault, count?: number): void;
  close(): Promise<void>;
}

/**
 * A stand-in for the 车驾管 system's temporary-plate feed, as its own Fastify instance on a loopback port:
 * `GET /temp-plates?after=&limit=` pages through a simulated stream (read once, on the first request), refuses what
 * the real system refuses (a malformed cursor, a page over 500: 400 with a Chinese message) and can be told to time
 * out or fail. Started by `createVehicleAdminPort` outside production when no VEHICLE_ADMIN_URL is configured.
 */
export async function startVehicleAdminSimulator(feed: SimulatedFeed, opts: { port?: number } = {}): Promise<VehicleAdminSimulator> {
  let items: Promise<unknown[]> | null = null;
  const faults = new SimulatorFaults();
  const app = Fastify({ logger: false, forceCloseConnections: true });

  app.get(FEED_PATH, async (request, reply) => {
    const fault = await faults.next();
    if (fault === 'error') return reply.code(503).send({ message: '车驾管接口暂不可用' });
    if (fault === 'timeout') return reply.code(503).send({ message: '车驾管接口超时' });
    const parsed = Query.safeParse(request.query);
    if (!parsed.success) return reply.code(400).send({ message: parsed.error.issues.map((i) => i.message).join('；') });
    items ??= feed();
    const all = await items;
    const start = parsed.data.after === undefined ? 0 : Number(parsed.data.after);
    const page = all.slice(start, start + parsed.data.limit);
    return { items: page, next: start + page.length < all.length ? String(start + page.length) : null };
  });

  const address = await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  return {
    url: address,
    app,
    injectFault: (fault, count) => faults.inject(fault, count),
    async close() {
      faults.releaseAll();
      await app.close();
    },
  };
}
