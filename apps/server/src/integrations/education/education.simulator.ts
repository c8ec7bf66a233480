import { checkIdNumber } from '@shtp/core/validators';
import Fastify from 'fastify';
import { SimulatorFaults } from '../simulator-faults.ts';
import { EDUCATION_PATH } from './education.client.ts';
import type { EducationRequest } from './education.port.ts';

export interface EducationSimulator {
  url: string;
  readonly received: EducationRequest[];
  failNext(count?: number): void;
  close(): Promise<void>;
}

/** The Ministry's education interface on a loopback port: validates the request (400) and numbers each record. */
export async function startEducationSimulator(): Promise<EducationSimulator> {
  const received: EducationRequest[] = [];
  const faults = new SimulatorFaults();
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.post(EDUCATION_PATH, async (request, reply) => {
    if (await faults.next()) return reply.code(503).send({ message: '现场教育接口暂不可用' });
    const b = (request.body ?? {}) as Partial<Record<keyof EducationRequest, unknown>>;
    if (typeof b.idNumber !== 'string' || !checkIdNumber(b.idNumber).ok) return reply.code(400).send({ message: '身份证号码无效' });
    if (typeof b.violationCode !== 'string' || !/^\d{4}[0-9A-Z]?$/.test(b.violationCode)) return reply.code(400).send({ message: '违法代码无效' });
    if (typeof b.place !== 'string' || typeof b.officer !== 'string') return reply.code(400).send({ message: '缺少地点或民警' });
    received.push(b as EducationRequest);
    return { recordNo: `JY${String(received.length).padStart(10, '0')}`, title: `交通安全现场教育（违法代码 ${b.violationCode}）` };
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    received,
    failNext: (count = 1) => faults.inject('error', count),
    close: () => app.close(),
  };
}
