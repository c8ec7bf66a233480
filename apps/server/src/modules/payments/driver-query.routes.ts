import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, perm } from '../../platform/http/access.ts';
import type { DriverQueryService } from './driver-query.service.ts';
import { PP } from './payments.permissions.ts';

/** G2: a partner (随申办) asks for its citizen's own driving licence with a signed call (scope `driver:query`). */
export async function driverQueryRoutes(fastify: FastifyInstance, drivers: DriverQueryService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/payments/driver-query',
    {
      config: { access: perm(PP.view), service: 'driver:query' },
      schema: {
        tags: ['驾驶人信息查询'],
        summary:
          'G2 本人驾驶证查询：以随申办实名身份断言证明本人（身份证号仅以交换密钥下的摘要比对，明文不出公安网），返回脱敏的姓名、驾驶证号、档案编号及准驾车型、状态、有效期止、本记分周期累积记分；未查到与不符同一应答；按用户限流，每次调用留痕',
        body: z.strictObject({
          assertion: z.string({ error: '请提供随申办身份断言' }).min(1, '请提供随申办身份断言').max(4096, '随申办身份断言过长'),
          openid: z.string({ error: '随申办用户标识格式不正确' }).trim().min(8, '随申办用户标识格式不正确').max(64, '随申办用户标识格式不正确').optional(),
        }),
        response: {
          200: z.object({
            xm: z.string(),
            jszh: z.string(),
            dabh: z.string(),
            zjcx: z.string(),
            zt: z.string(),
            ztmc: z.string(),
            yxqz: z.string(),
            ljjf: z.number().int(),
            requestId: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => drivers.query(request.body, actorOf(request)),
  );
}
