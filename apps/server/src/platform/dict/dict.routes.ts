import { DictItemBodySchema, DictItemSchema, DictTypeBodySchema, DictTypeSchema, IdParamsSchema, P } from '@shtp/core/platform';
import { safeString } from '@shtp/core/validators';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, perm } from '../http/access.ts';
import type { Platform } from '../platform.ts';

const tags = ['数据字典'];
const CodeParams = z.strictObject({ code: safeString().regex(/^[a-z][a-z0-9_]{1,63}$/, '字典代码无效') });

export async function dictRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const dict = platform.dict;

  app.get(
    '/api/dict/:code',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '字典选项（启用的项，供下拉选择）',
        params: CodeParams,
        response: { 200: z.array(z.object({ value: z.string(), label: z.string() })) },
      },
    },
    (request) => dict.options(request.params.code),
  );
  app.get(
    '/api/system/dict/types',
    { config: { access: perm(P.dictList) }, schema: { tags, summary: '字典类型', response: { 200: z.array(DictTypeSchema) } } },
    () => dict.types(),
  );
  app.post(
    '/api/system/dict/types',
    { config: { access: perm(P.dictEdit) }, schema: { tags, summary: '新增字典类型', body: DictTypeBodySchema, response: { 200: DictTypeSchema } } },
    (request) => dict.createType(request.body, actorOf(request)),
  );
  app.put(
    '/api/system/dict/types/:code',
    {
      config: { access: perm(P.dictEdit) },
      schema: { tags, summary: '修改字典类型', params: CodeParams, body: DictTypeBodySchema, response: { 200: DictTypeSchema } },
    },
    (request) => dict.updateType(request.params.code, request.body, actorOf(request)),
  );
  app.get(
    '/api/system/dict/types/:code/items',
    { config: { access: perm(P.dictList) }, schema: { tags, summary: '字典项（含停用）', params: CodeParams, response: { 200: z.array(DictItemSchema) } } },
    (request) => dict.items(request.params.code),
  );
  app.post(
    '/api/system/dict/types/:code/items',
    {
      config: { access: perm(P.dictEdit) },
      schema: { tags, summary: '新增字典项', params: CodeParams, body: DictItemBodySchema, response: { 200: DictItemSchema } },
    },
    (request) => dict.createItem(request.params.code, request.body, actorOf(request)),
  );
  app.put(
    '/api/system/dict/items/:id',
    {
      config: { access: perm(P.dictEdit) },
      schema: { tags, summary: '修改字典项', params: IdParamsSchema, body: DictItemBodySchema, response: { 200: DictItemSchema } },
    },
    (request) => dict.updateItem(request.params.id, request.body, actorOf(request)),
  );
  app.delete(
    '/api/system/dict/items/:id',
    { config: { access: perm(P.dictEdit) }, schema: { tags, summary: '删除字典项', params: IdParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await dict.deleteItem(request.params.id, actorOf(request));
      return reply.status(204).send(null);
    },
  );
}
