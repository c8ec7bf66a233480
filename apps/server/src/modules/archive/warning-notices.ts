import type { DbOrTx } from '../../platform/db/client.ts';
import type { Platform } from '../../platform/platform.ts';
import { AP } from './archive.permissions.ts';
import { archiveRepository as repo } from './archive.repository.ts';

const LINK = '/archive/warnings';
/** Departments named in one digest's text; the rest are counted. */
const NAMED = 8;

/** `黄浦大队 3 件、静安大队 1 件 等 5 个部门` from per-department counts. */
export function departmentCounts(rows: { departmentName: string; n: number }[]): string {
  const named = rows.slice(0, NAMED).map((r) => `${r.departmentName} ${r.n} 件`);
  return rows.length > NAMED ? `${named.join('、')} 等 ${rows.length} 个部门` : named.join('、');
}

const sum = (rows: { n: number }[]) => rows.reduce((t, r) => t + r.n, 0);

/** Beijing calendar day of an instant (the key of a day's digest). */
export const beijingDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A6 push after the hourly scan: one notification a day per supervisor (holder of 未采集齐全预警) whose scope has
 * businesses past the delay with no archive opened; a later scan the same day updates it.
 */
export async function noticeUnopened(platform: Platform, db: DbOrTx, hours: number): Promise<number> {
  const rows = (await repo.unopenedByDepartment(db, hours)).map((r) => ({ ...r, n: r.count }));
  return platform.notifications.digest(db, {
    permission: AP.warnings,
    kind: 'archive.unopened',
    key: beijingDay(new Date()),
    link: LINK,
    items: rows,
    compose: (mine) => ({
      title: `${sum(mine)} 件业务受理超过 ${hours} 小时未采集影像`,
      body: `${departmentCounts(mine)}。请在 影像档案 › 未齐全预警 查看并督促补采。`,
    }),
  });
}

/** A6 push of the morning digest: one notification per supervisor with the counts of the departments in their scope. */
export async function noticeWarningDigest(platform: Platform, db: DbOrTx, hours: number): Promise<number> {
  const rows = await repo.todaysWarningDigest(db);
  const day = rows[0]?.day;
  if (!day) return 0;
  return platform.notifications.digest(db, {
    permission: AP.warnings,
    kind: 'archive.warning-digest',
    key: day,
    link: LINK,
    items: rows.map((r) => ({ ...r, n: r.incomplete + r.unopened })),
    compose: (mine) => {
      const incomplete = mine.reduce((t, r) => t + r.incomplete, 0);
      const unopened = mine.reduce((t, r) => t + r.unopened, 0);
      return {
        title: `${day} 影像采集预警汇总：未齐全 ${incomplete} 件，未采集 ${unopened} 件`,
        body: `受理超过 ${hours} 小时：${departmentCounts(mine)}。`,
      };
    },
  });
}
