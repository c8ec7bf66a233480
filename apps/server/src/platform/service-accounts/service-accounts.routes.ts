import {
  IdParamsSchema,
  P,
  pageOf,
  ServiceAccountCreateBodySchema,
  ServiceAccountCredentialSchema,
  ServiceAccountListQuerySchema,
  ServiceAccountRotateBodySchema,
  ServiceAccountSchema,
  ServiceAccountUpdateBodySchema,
} from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, perm } from '../http/access.ts';
import type { Platform } from '../platform.ts';
import { ServiceAccountsService } from './service-accounts.service.ts';

const tags = ['接入应用管理'];

/** 接入应用管理: the security admin registers the systems that call our API with signed requests. */
export async function serviceAccountsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const accounts = new ServiceAccountsService(platform.db, platform.fields, platform.keys, platform.params);
  app.get(
    '/api/security/service-accounts',
    {
      config: { access: perm(P.serviceAccountList) },
      schema: { tags, summary: '接入应用列表', querystring: ServiceAccountListQuerySchema, response: { 200: pageOf(ServiceAccountSchema) } },
    },
    (request) => accounts.list(request.query),
  );
  app.post(
    '/api/security/service-accounts',
    {
      config: { access: perm(P.serviceAccountManage) },
      schema: {
        tags,
        summary: '新增接入应用',
        description: 'HMAC-SM3 应用的密钥由系统生成，只在本次响应中返回一次；SM2 应用登记对方公钥。',
        body: ServiceAccountCreateBodySchema,
        response: { 200: ServiceAccountCredentialSchema },
      },
    },
    (request) => accounts.create(request.body, actorOf(request)),
  );
  app.put(
    '/api/security/service-accounts/:id',
    {
      config: { access: perm(P.serviceAccountManage) },
      schema: {
        tags,
        summary: '修改接入应用（授权范围、来源地址、状态、速率限制）',
        params: IdParamsSchema,
        body: ServiceAccountUpdateBodySchema,
        response: { 200: ServiceAccountSchema },
      },
    },
    (request) => accounts.update(request.params.id, request.body, actorOf(request)),
  );
  app.post(
    '/api/security/service-accounts/:id/rotate-secret',
    {
      config: { access: perm(P.serviceAccountManage) },
      schema: {
        tags,
        summary: '轮换密钥',
        description: 'HMAC-SM3：生成新密钥并只返回这一次；SM2：登记对方的新公钥。旧密钥在“接入应用密钥轮换过渡期”参数内仍可验签。',
        params: IdParamsSchema,
        body: ServiceAccountRotateBodySchema,
        response: { 200: ServiceAccountCredentialSchema },
      },
    },
    (request) => accounts.rotate(request.params.id, request.body, actorOf(request)),
  );
}
