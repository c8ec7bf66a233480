import { DeviceCreateBodySchema, DeviceListQuerySchema, DeviceSchema, DeviceUpdateBodySchema, IdParamsSchema, P, pageOf } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendXlsx } from '../export/xlsx-stream.ts';
import { actorOf, perm } from '../http/access.ts';
import type { Platform } from '../platform.ts';
import { DevicesService } from './devices.service.ts';

const tags = ['终端管理'];

/** 终端管理 (C1): the security admin registers PDA devices with their SM2 public keys, renames and disables them. */
export async function devicesRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const devices = new DevicesService(platform.db);
  app.get(
    '/api/security/devices',
    {
      config: { access: perm(P.deviceList) },
      schema: { tags, summary: '终端列表', querystring: DeviceListQuerySchema, response: { 200: pageOf(DeviceSchema) } },
    },
    (request) => devices.list(request.query),
  );
  app.get(
    '/api/security/devices/export',
    {
      config: { access: perm(P.deviceList) },
      schema: { tags, summary: '导出终端（Excel，流式，条件同列表）', querystring: DeviceListQuerySchema.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => sendXlsx(reply, '终端', 'devices', await devices.export(request.query, actorOf(request))),
  );
  app.post(
    '/api/security/devices',
    { config: { access: perm(P.deviceManage) }, schema: { tags, summary: '登记终端', body: DeviceCreateBodySchema, response: { 200: DeviceSchema } } },
    (request) => devices.create(request.body, actorOf(request)),
  );
  app.put(
    '/api/security/devices/:id',
    {
      config: { access: perm(P.deviceManage) },
      schema: { tags, summary: '修改终端（改名、停用/启用、更换公钥）', params: IdParamsSchema, body: DeviceUpdateBodySchema, response: { 200: DeviceSchema } },
    },
    (request) => devices.update(request.params.id, request.body, actorOf(request)),
  );
}
