import { RULES, type RuleCode } from '@shtp/core/tempplate';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { dayCountsRepository as dayCounts } from '../intake/day-counts.repository.ts';
import { anomalyStatsWorkbookStream } from './anomaly-stats-export.ts';
import { intakeStatsWorkbookStream } from './intake-stats-export.ts';
import { reportsRepository as repo } from './reports.repository.ts';

/**
 * 临牌异常统计 (T11), 办理部门统计 (T12, any range of days), 预警统计 with each rule's confirmed rate (T25): rollups
 * that may lag, read through `platform.reports` (the replica when one is configured).
 */
export class ReportsService {
  constructor(private readonly platform: Platform) {}

  async byRule(p: Principal, from: string, to: string) {
    const rows = await repo.byRule(this.platform.reports, p, from, to);
    const overdue = new Map((await repo.overdueByRule(this.platform.reports, p)).map((o) => [o.rule, o.n]));
    return rows.map((row) => ({
      ...row,
      ruleName: RULES[row.rule as RuleCode] ?? row.rule,
      overdue: overdue.get(row.rule) ?? 0,
      confirmedRate: row.closed === 0 ? null : row.confirmed / row.closed,
    }));
  }

  byDepartment(p: Principal, from: string, to: string) {
    return repo.byDepartment(this.platform.reports, p, from, to);
  }

  /** 临牌办理部门统计 (T12): businesses per department between two days, from the day counters. */
  byDepartmentDays(p: Principal, from: string, to: string) {
    return dayCounts.byDepartment(this.platform.reports, p, from, to);
  }

  /** 临牌异常统计 (T11) of the caller's departments as a workbook; the export audited with its months. */
  async exportByDepartment(p: Principal, actor: Actor, from: string, to: string) {
    const rows = await this.byDepartment(p, from, to);
    await this.audited(actor, 'T11', from, to, rows.length);
    return anomalyStatsWorkbookStream(rows);
  }

  async exportByDepartmentDays(p: Principal, actor: Actor, from: string, to: string) {
    const rows = await this.byDepartmentDays(p, from, to);
    await this.audited(actor, 'T12', from, to, rows.length);
    return intakeStatsWorkbookStream(rows);
  }

  private audited(actor: Actor, report: 'T11' | 'T12', from: string, to: string, rows: number) {
    return audit(this.platform.db, actor, { action: 'tempplate.stats.export', targetType: 'tempplate_rollup', details: { report, from, to, rows } });
  }
}
