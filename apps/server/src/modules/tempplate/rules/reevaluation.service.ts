import type { ParamSets } from '@shtp/core/tempplate';
import type { Actor } from '../../../platform/audit/audit.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Platform } from '../../../platform/platform.ts';
import { factsOf, openInvoiceReading, openOwner } from '../intake/business-record.ts';
import { businessesRepository as businesses } from '../intake/businesses.repository.ts';
import { autoAssign, loadAutoAssignPlan } from '../work-orders/auto-assign.ts';
import { evaluateBusiness, paramSetValues, paramSetVersion } from './evaluation.ts';
import type { Rule } from './rule.ts';
import { readSettings } from './rules.ts';

const PAGE = 200;

/**
 * Re-evaluates the businesses issued in a window with the parameters in force now: the scheduled batch runs the
 * rules that need history (a later plate of the VIN), a supervisor re-runs every rule after a parameter change.
 * Page by page, one transaction per page; warnings already raised stay as they are (one per business and rule).
 */
export class ReevaluationService {
  constructor(private readonly platform: Platform) {}

  /** The parameter versions (newest first) and the values in force now (T26). */
  async paramSets(): Promise<ParamSets> {
    const { values, digest } = paramSetValues(await readSettings(this.platform));
    const rows = await businesses.paramSets(this.platform.db, 100);
    return {
      current: values,
      currentVersion: rows.find((r) => r.digest === digest)?.version ?? null,
      versions: rows.map((r) => ({ version: r.version, createdAt: r.createdAt.toISOString(), values: r.values })),
    };
  }

  async run(actor: Actor, from: Date, to: Date, historyOnly: boolean): Promise<{ businesses: number; raised: number }> {
    const settings = await readSettings(this.platform);
    const only = historyOnly ? (r: Rule) => r.history : undefined;
    const assignPlan = await loadAutoAssignPlan(this.platform);
    let afterId = 0;
    let seen = 0;
    let raised = 0;
    let version = 0;
    for (;;) {
      const page = await businesses.pageInWindow(this.platform.db, from, to, afterId, PAGE);
      if (page.length === 0) break;
      const opened = await Promise.all(page.map((row) => openOwner(this.platform.fields, row)));
      const readings = await Promise.all(page.map((row) => openInvoiceReading(this.platform.fields, row)));
      await this.platform.db.transaction(async (tx) => {
        version ||= await paramSetVersion(tx, settings);
        for (const [i, row] of page.entries()) {
          const facts = { ...factsOf(row, opened[i]!), departmentId: row.departmentId };
          const created = await evaluateBusiness(tx, facts, settings, version, readings[i] ?? null, only);
          await autoAssign(this.platform, tx, assignPlan, created, facts);
          raised += created.length;
        }
      });
      seen += page.length;
      afterId = page.at(-1)!.id;
    }
    await audit(this.platform.db, actor, {
      action: 'tempplate.reevaluate',
      details: { from: from.toISOString(), to: to.toISOString(), historyOnly, businesses: seen, raised, paramSetVersion: version || null },
    });
    return { businesses: seen, raised };
  }
}
