import { BigIdParamsSchema, NotificationPageSchema, NotificationQuerySchema, NotificationSchema } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/access.ts';
import type { Platform } from '../platform.ts';

const tags = ['通知'];

/** The signed-in user's own notifications (the header bell); nobody reads or marks another's. */
export async function notificationsRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { notifications } = platform;
  const me = (request: Parameters<typeof authOf>[0]) => authOf(request).principal.user.id;

  app.get(
    '/api/notifications',
    {
      config: { access: 'session' },
      schema: { tags, summary: '我的通知（新的在前）和未读数', querystring: NotificationQuerySchema, response: { 200: NotificationPageSchema } },
    },
    (request) => notifications.list(me(request), request.query),
  );
  app.post(
    '/api/notifications/:id/read',
    { config: { access: 'session' }, schema: { tags, summary: '标记为已读', params: BigIdParamsSchema, response: { 200: NotificationSchema } } },
    (request) => notifications.markRead(me(request), request.params.id),
  );
  app.post(
    '/api/notifications/read-all',
    { config: { access: 'session' }, schema: { tags, summary: '全部标记为已读', response: { 200: z.object({ updated: z.number().int() }) } } },
    (request) => notifications.markAllRead(me(request)),
  );
}
