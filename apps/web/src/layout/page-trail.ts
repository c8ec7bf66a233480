import { matchPath } from 'react-router';
import type { MenuEntry, MenuGroup } from '../menu/registry';

export const APP_TITLE = '上海交警综合应用系统';

/** Where the user is: the page's entry, its menu folder, and whether it is a detail page (reached from another page). */
export interface PageTrail {
  title: string;
  group: string | null;
  detail: boolean;
}

/** The pages every signed-in user has, outside the menu: the 工作台 and 消息通知 (opened from the header bell). */
const OWN_PAGES: Record<string, string> = { '/': '工作台', '/notifications': '消息通知' };

/**
 * The trail of a path: one of the user's own pages, or the registered entry it matches (patterns such as
 * /ebike/vehicles/:id included), or null.
 */
export function pageTrail(pathname: string, groups: readonly MenuGroup[], entries: readonly MenuEntry[]): PageTrail | null {
  const own = OWN_PAGES[pathname];
  if (own) return { title: own, group: null, detail: false };
  const entry = entries.find((e) => matchPath({ path: e.path, end: true }, pathname));
  if (!entry) return null;
  return { title: entry.label, group: groups.find((g) => g.key === entry.group)?.label ?? null, detail: entry.hideInMenu === true };
}

export const documentTitle = (trail: PageTrail | null): string => (trail ? `${trail.title} - ${APP_TITLE}` : APP_TITLE);
