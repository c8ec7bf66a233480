import type { Notification } from '@shtp/core/platform';

/** A synthetic notification of the archive's hourly check, opening the 未齐全预警 page unless told another. */
export const notice = (id: number, title: string, readAt: string | null, link: string | null = '/archive/warnings'): Notification => ({
  id,
  kind: 'archive.unopened',
  title,
  body: '黄浦大队 3 件。',
  link,
  createdAt: '2026-12-03T00:30:00Z',
  readAt,
});
