import { AppointmentItemSchema, AppointmentListSchema, ArrivalBodySchema } from '@shtp/core/ebike';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedCall } from '../../platform/audit/audited-call.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ExchangeApi } from '../exchange/exchange.api.ts';
import { appointmentView } from './appointment.view.ts';
import { ARRIVAL_PERMISSION, appointmentActions } from './appointment-arrival.policy.ts';
import { AppointmentArrivalService } from './appointment-arrival.service.ts';
import { appointmentsRepository as repo } from './appointments.repository.ts';
import { EP } from './ebike.permissions.ts';

const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 今日预约: the window officer's list of the registration bookings that crossed from the internet zone (masked,
 * audited), and the G13 arrival mark that crosses back.
 */
export async function appointmentRoutes(fastify: FastifyInstance, platform: Platform, exchange: () => ExchangeApi) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const arrivals = new AppointmentArrivalService(platform, exchange);
  app.get(
    '/api/ebike/appointments',
    {
      config: { access: perm(EP.register) },
      schema: {
        tags: ['电动自行车登记预约'],
        summary: '某日（默认今日）本部门数据范围内的非机动车登记预约（互联网区预约，身份证号、手机号脱敏）；每次查询留审计',
        querystring: z.strictObject({
          day: z
            .string({ error: '日期格式应为 YYYY-MM-DD' })
            .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
            .optional(),
        }),
        response: { 200: AppointmentListSchema },
      },
    },
    async (request) => {
      const today = shanghaiDay(new Date());
      const day = request.query.day ?? today;
      const event = { action: 'ebike.appointments', targetType: 'appointment-day', targetId: day };
      return auditedCall(platform.db, actorOf(request), event, async () => {
        const principal = authOf(request).principal;
        const rows = await repo.ofDay(platform.db, principal, day);
        const items = rows.map((r) => appointmentView(r, appointmentActions(principal, r, today)));
        return { result: { day, items }, details: { count: items.length } };
      });
    },
  );
  app.post(
    '/api/ebike/appointments/:bookingNo/arrival',
    {
      config: { access: perm(ARRIVAL_PERMISSION), idempotent: true },
      schema: {
        tags: ['电动自行车登记预约'],
        summary: '登记预约到场状态（已到场、已办理、未到；本部门数据范围内、已到办理日期的有效预约）；经数据交换送互联网区；留审计',
        params: z.strictObject({ bookingNo: z.string().regex(/^YY\d{8}[0-9A-F]{10}$/, '预约编号格式不正确') }),
        body: ArrivalBodySchema,
        response: { 200: AppointmentItemSchema },
      },
    },
    async (request) => {
      const principal = authOf(request).principal;
      const today = shanghaiDay(new Date());
      const row = await arrivals.mark(principal, actorOf(request), request.params.bookingNo, request.body.status, today);
      return appointmentView(row, appointmentActions(principal, row, today));
    },
  );
}
