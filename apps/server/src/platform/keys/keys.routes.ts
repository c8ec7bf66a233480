import { KeyInfoSchema, KeyPurposeParamsSchema, KeyRotateResultSchema, P } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, perm } from '../http/access.ts';
import type { Platform } from '../platform.ts';
import { rotateKey } from './key-rotation.ts';

const tags = ['密钥管理'];

/** The key-management console (C1–C5 operator view): metadata and rotation, never key material. */
export async function keysRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/system/keys',
    { config: { access: perm(P.keyList) }, schema: { tags, summary: '数据密钥列表（不含密钥本身）', response: { 200: z.array(KeyInfoSchema) } } },
    () => platform.keys.list(),
  );
  app.post(
    '/api/system/keys/:purpose/rotate',
    {
      config: { access: perm(P.keyRotate) },
      schema: { tags, summary: '轮换数据密钥', params: KeyPurposeParamsSchema, response: { 200: KeyRotateResultSchema } },
    },
    (request) => rotateKey(platform, request.params.purpose, actorOf(request)),
  );
}
