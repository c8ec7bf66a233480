import { AppointmentListSchema } from '@shtp/core/ebike';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedCall } from '../../platform/audit/audited-call.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import type { Platform } from '../../platform/platform.ts';
import { appointmentsRepository as repo } from './appointments.repository.ts';
import { EP } from './ebike.permissions.ts';

const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 今日预约: the window officer's list of the registration bookings that crossed from the internet zone (masked, audited). */
export async function appointmentRoutes(fastify: FastifyInstance, platform: Platform) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
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
      const day = request.query.day ?? shanghaiDay(new Date());
      const event = { action: 'ebike.appointments', targetType: 'appointment-day', targetId: day };
      return auditedCall(platform.db, actorOf(request), event, async () => {
        const rows = await repo.ofDay(platform.db, authOf(request).principal, day);
        const items = rows.map((r) => ({
          bookingNo: r.bookingNo,
          station: r.station,
          day: r.day,
          slot: r.slot,
          plate: r.plate,
          vin: r.vin,
          idNumber: r.idNumberMasked,
          phone: r.phoneMasked,
          state: r.state,
          bookedAt: r.bookedAt.toISOString(),
          cancelledAt: r.cancelledAt?.toISOString() ?? null,
        }));
        return { result: { day, items }, details: { count: items.length } };
      });
    },
  );
}
