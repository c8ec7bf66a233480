import { P, ParamSchema, ParamUpdateBodySchema } from '@shtp/core/platform';
import { safeString } from '@shtp/core/validators';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authOf, perm } from '../http/access.ts';
import type { Platform } from '../platform.ts';

const tags = ['系统参数'];

export async function paramsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/system/params', { config: { access: perm(P.paramList) }, schema: { tags, summary: '参数列表', response: { 200: z.array(ParamSchema) } } }, () =>
    platform.params.list(),
  );
  app.put(
    '/api/system/params/:key',
    {
      config: { access: perm(P.paramUpdate, P.paramUpdateSecurity) },
      schema: {
        tags,
        summary: '修改参数',
        params: z.strictObject({ key: safeString().max(100, '参数键不能超过 100 个字符') }),
        body: ParamUpdateBodySchema,
        response: { 200: ParamSchema },
      },
    },
    async (request) => platform.params.update(request.params.key, request.body.value, actorOf(request), authOf(request).principal.permissions),
  );
}
