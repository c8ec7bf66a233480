import { isIP } from 'node:net';
import { type AddressLock, AddressLockSchema, P } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import { actorOf, perm } from '../http/access.ts';
import { notFound } from '../http/errors.ts';
import type { Platform } from '../platform.ts';
import { authRepository } from './auth.repository.ts';

const tags = ['认证'];
const AddressParamsSchema = z.strictObject({ address: z.string().refine((a) => isIP(a) !== 0, '请输入有效的 IP 地址') });

const toAddressLock = (r: Awaited<ReturnType<typeof authRepository.activeAddressLocks>>[number]): AddressLock => ({
  ip: r.address,
  failures: r.failures,
  windowStart: r.windowStart.toISOString(),
  lockedUntil: r.lockedUntil.toISOString(),
});

/** Source addresses paused after repeated login failures: the security admin (unlock permission) sees and lifts them. */
export async function addressLocksRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/security/address-locks',
    { config: { access: perm(P.userUnlock) }, schema: { tags, summary: '暂停登录的来源地址', response: { 200: z.array(AddressLockSchema) } } },
    async () => (await authRepository.activeAddressLocks(platform.db)).map(toAddressLock),
  );
  app.post(
    '/api/security/address-locks/:address/unlock',
    { config: { access: perm(P.userUnlock) }, schema: { tags, summary: '解除来源地址的登录暂停', params: AddressParamsSchema } },
    async (request, reply) => {
      const { address } = request.params;
      await platform.db.transaction(async (tx) => {
        if (!(await authRepository.liftAddressLock(tx, address))) throw notFound('该地址的登录暂停');
        await audit(tx, actorOf(request), { action: 'auth.address-unlock', targetType: 'address', targetId: address });
      });
      return reply.status(204).send(null);
    },
  );
}
