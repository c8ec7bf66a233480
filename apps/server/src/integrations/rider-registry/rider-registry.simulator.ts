import { checkIdNumber } from '@shtp/core/validators';
import Fastify from 'fastify';
import { SimulatorFaults } from '../simulator-faults.ts';
import { RIDER_PATH } from './rider-registry.client.ts';
import type { RiderContact } from './rider-registry.port.ts';

export interface RiderRegistrySimulator {
  url: string;
  register(idNumber: string, contact: RiderContact): void;
  /** The next `count` requests answer 503. */
  failNext(count?: number): void;
  close(): Promise<void>;
}

/**
 * The delivery platforms' gateway on a loopback port: it refuses a malformed ID number or a missing purpose (400, as
 * the gateway does: it logs the purpose of every query) and answers the riders registered with it.
 */
export async function startRiderRegistrySimulator(): Promise<RiderRegistrySimulator> {
  const riders = new Map<string, RiderContact[]>();
  const faults = new SimulatorFaults();
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.post(RIDER_PATH, async (request, reply) => {
    if (await faults.next()) return reply.code(503).send({ message: '骑手信息平台维护中' });
    const body = (request.body ?? {}) as { idNumber?: unknown; purpose?: unknown };
    if (typeof body.idNumber !== 'string' || !checkIdNumber(body.idNumber).ok) return reply.code(400).send({ message: '身份证号码无效' });
    if (typeof body.purpose !== 'string' || !body.purpose) return reply.code(400).send({ message: '缺少查询事由' });
    return { contacts: riders.get(body.idNumber) ?? [] };
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    register: (idNumber, contact) => riders.set(idNumber, [...(riders.get(idNumber) ?? []), contact]),
    failNext: (count = 1) => faults.inject('error', count),
    close: () => app.close(),
  };
}
