import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { queryLogRepository as repo } from './query-log.repository.ts';

type Filter = { page: number; pageSize: number; from?: string | undefined; to?: string | undefined; username?: string | undefined };

/** P10: the handheld queries, read from the platform audit within the reader's data scope. */
export class QueryLogService {
  constructor(private readonly platform: Platform) {}

  async list(principal: Principal, q: Filter) {
    const { rows, total } = await repo.list(this.platform.db, principal, q);
    const items = rows.map((r) => {
      const d = (r.details ?? {}) as { keys?: unknown; found?: unknown; device?: unknown };
      return {
        id: r.id,
        ts: r.ts.toISOString(),
        username: r.username,
        departmentName: r.departmentName,
        action: r.action,
        keys: Array.isArray(d.keys) ? d.keys.map(String) : [],
        found: typeof d.found === 'number' ? d.found : null,
        device: typeof d.device === 'string' ? d.device : null,
        result: r.result,
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Per officer and day; may lag (`platform.reports`). */
  stats = (principal: Principal, q: Omit<Filter, 'page' | 'pageSize'>) => repo.stats(this.platform.reports, principal, q);
}
