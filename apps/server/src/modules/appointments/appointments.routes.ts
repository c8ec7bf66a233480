import { AppointmentBookingSchema, ARRIVAL_STATUSES, BookingListItemSchema, REMINDER_STATES, ReminderRunSchema, zcbmField } from '@shtp/core/ebike';
import { PageQuerySchema, pageOf } from '@shtp/core/platform';
import { idNumberField, mobileField } from '@shtp/core/validators';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, perm } from '../../platform/http/access.ts';
import { AP } from './appointments.permissions.ts';
import { type AppointmentsService, bookingView } from './appointments.service.ts';
import { reminderView } from './booking-reminder.view.ts';

const tags = ['非机动车登记预约'];
const BookingSchema = AppointmentBookingSchema;
/** The citizen, as in the violation query: the 随申办 hub's assertion, or the partner's word for the openid. */
const citizen = {
  idNumber: idNumberField('预约人身份证号码'),
  openid: z.string({ error: '请填写随申办用户标识' }).trim().min(8, '随申办用户标识格式不正确').max(64, '随申办用户标识格式不正确').optional(),
  assertion: z.string({ error: '随申办身份断言格式不正确' }).max(4096, '随申办身份断言过长').optional(),
};
const ArrivalSchema = z.object({ status: z.enum(ARRIVAL_STATUSES), markedAt: z.string() }).nullable();
const bookingNoParams = z.strictObject({ bookingNo: z.string().regex(/^YY\d{8}[0-9A-F]{10}$/, '预约编号格式不正确') });
const needsCitizen = (b: { openid?: string | undefined; assertion?: string | undefined }) => Boolean(b.openid || b.assertion);
const citizenMessage = { path: ['openid'], message: '请填写随申办用户标识或提供随申办身份断言' };

/** Signed partner calls (scope `appointment:book`) and the back office: book a registration slot, cancel it. */
export async function appointmentsRoutes(fastify: FastifyInstance, service: AppointmentsService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/appointments',
    {
      config: { access: perm(AP.book), service: 'appointment:book', idempotent: true },
      schema: {
        tags,
        summary: '预约非机动车登记（站点、日期、时段、号牌或整车编码、预约人身份）；同一人同一时段重复预约返回原预约；经数据交换送公安网',
        body: z
          .strictObject({
            departmentCode: z.string({ error: '请选择站点' }).regex(/^[0-9A-Za-z-]{2,20}$/, '部门代码格式不正确'),
            station: z.string({ error: '请选择站点' }).trim().min(2, '请选择站点').max(40, '站点名称过长'),
            day: z.string({ error: '请选择日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
            slot: z.string({ error: '请选择时段' }).regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, '时段格式应为 HH:MM-HH:MM'),
            plate: z
              .string({ error: '号牌号码格式不正确' })
              .trim()
              .toUpperCase()
              .regex(/^沪[A-Z0-9]{6,7}$/, '号牌号码格式不正确')
              .optional(),
            zcbm: zcbmField.optional(),
            mobile: mobileField('预约人手机号码'),
            ...citizen,
          })
          .refine((b) => b.plate || b.zcbm, { path: ['plate'], message: '请填写号牌号码或整车编码' })
          .refine(needsCitizen, citizenMessage),
        response: { 200: z.object({ booking: BookingSchema, repeated: z.boolean() }) },
      },
    },
    async (request) => {
      const { booking, repeated } = await service.book(request.body, actorOf(request));
      return { booking: bookingView(booking), repeated };
    },
  );
  app.get(
    '/api/appointments/mine',
    {
      config: { access: perm(AP.book), service: 'appointment:book' },
      schema: {
        tags,
        summary: '市民本人的全部非机动车登记预约（最新 100 条；以随申办身份断言或用户标识确定本人）',
        querystring: z.strictObject({ openid: citizen.openid, assertion: citizen.assertion }).refine(needsCitizen, citizenMessage),
        response: { 200: z.object({ items: z.array(BookingSchema) }) },
      },
    },
    async (request) => ({ items: (await service.mine(request.query)).map(bookingView) }),
  );
  app.get(
    '/api/appointments',
    {
      config: { access: perm(AP.list) },
      schema: {
        tags,
        summary: '互联网区后台：非机动车登记预约列表及预约提醒短信状态（按办理日期、站点部门代码、状态、提醒状态筛选，分页）',
        querystring: PageQuerySchema.extend({
          day: z
            .string({ error: '日期格式应为 YYYY-MM-DD' })
            .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
            .optional(),
          departmentCode: z
            .string({ error: '部门代码格式不正确' })
            .regex(/^[0-9A-Za-z-]{2,20}$/, '部门代码格式不正确')
            .optional(),
          state: z.enum(['booked', 'cancelled'], { error: '状态应为 已预约 或 已取消' }).optional(),
          reminder: z.enum(REMINDER_STATES, { error: '提醒状态应为 未到提醒时间、已发送、发送失败、已暂缓 或 未提醒' }).optional(),
        }).strict(),
        response: { 200: pageOf(BookingListItemSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { items, total, today } = await service.page(filter, { limit: pageSize, offset: (page - 1) * pageSize });
      return { items: items.map((b) => ({ ...bookingView(b), reminder: reminderView(b, today) })), total, page, pageSize };
    },
  );
  app.post(
    '/api/appointments/reminders/run',
    {
      config: { access: perm(AP.remind), idempotent: true },
      schema: {
        tags,
        summary: '互联网区后台：立即发送次日预约提醒短信（排入任务队列；已发送的不再发送；免扰时段、号码限额内的暂缓，稍后重试）；留审计',
        response: { 200: ReminderRunSchema },
      },
    },
    (request) => service.remindNow(actorOf(request)),
  );
  app.post(
    '/api/appointments/:bookingNo/cancel',
    {
      config: { access: perm(AP.book), service: 'appointment:book', idempotent: true },
      schema: {
        tags,
        summary: '取消非机动车登记预约（须为预约人本人，办理日之前）；经数据交换送公安网',
        params: bookingNoParams,
        body: z.strictObject(citizen).refine(needsCitizen, citizenMessage),
        response: { 200: z.object({ booking: BookingSchema }) },
      },
    },
    async (request) => ({ booking: bookingView(await service.cancel(request.params.bookingNo, request.body, actorOf(request))) }),
  );
  app.get(
    '/api/appointments/:bookingNo',
    {
      config: { access: perm(AP.book), service: 'appointment:book' },
      schema: {
        tags,
        summary: '查询非机动车登记预约及登记窗口记录的到场状态（已到场、已办理、未到；经数据交换自公安网送达）；须为预约人本人',
        params: bookingNoParams,
        querystring: z.strictObject({ openid: citizen.openid, assertion: citizen.assertion }).refine(needsCitizen, citizenMessage),
        response: { 200: z.object({ booking: BookingSchema, arrival: ArrivalSchema }) },
      },
    },
    async (request) => {
      const { booking, arrival } = await service.show(request.params.bookingNo, request.query);
      return { booking: bookingView(booking), arrival };
    },
  );
}
