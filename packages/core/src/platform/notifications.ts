import { z } from 'zod';
import { PageQuerySchema, pageOf } from './common.ts';

/** One notification of the signed-in user (a module's digest, a reminder): what, and where to look. */
export const NotificationSchema = z.object({
  id: z.number(),
  /** Who sent it and what about, e.g. `archive.unopened-digest`. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** The console page to open, or null. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationQuerySchema = PageQuerySchema.extend({
  unread: z
    .enum(['true', 'false'], { error: '未读筛选须为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});

/** A page of the user's notifications, newest first, and how many of all of them are unread. */
export const NotificationPageSchema = pageOf(NotificationSchema).extend({ unread: z.number().int() });
export type NotificationPage = z.infer<typeof NotificationPageSchema>;
