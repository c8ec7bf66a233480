import type { ParamSets } from '@shtp/core/tempplate';
import type { Actor } from '../../../platform/audit/audit.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { EnforcementApi } from '../../enforcement/enforcement.api.ts';
import { factsOf, type OpenedOwner, openInvoiceReading, openOwner } from '../intake/business-record.ts';
import type { BusinessRow } from '../intake/businesses.repository.ts';
import { businessesRepository as businesses } from '../intake/businesses.repository.ts';
import { autoAssign, loadAutoAssignPlan } from '../work-orders/auto-assign.ts';
import { evaluateBusiness, paramSetValues, paramSetVersion, type RaisedWarning } from './evaluation.ts';
import { pageHistories } from './plate-histories.ts';
import type { BusinessFacts, InvoiceReading, Rule } from './rule.ts';
import { readSettings, type Settings } from './rules.ts';

const PAGE = 200;

/**
 * Re-evaluates the businesses issued in a window with the parameters in force now: the scheduled batch runs the
 * rules that need history (a later plate of the VIN), a supervisor re-runs every rule after a parameter change.
 * Page by page, one transaction per page; warnings already raised stay as they are (one per business and rule).
 */
export class ReevaluationService {
  constructor(
    private readonly platform: Platform,
    /** The 交通执法 module's API when mounted (T10, X9). */
    private readonly enforcement: () => EnforcementApi | undefined = () => undefined,
  ) {}

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
    const { fields } = this.platform;
    const { seen, raised, version } = await reevaluateWindow(this.platform.db, settings, from, to, {
      only,
      enforcement: this.enforcement(),
      open: (page) => Promise.all(page.map(async (row) => ({ owner: await openOwner(fields, row), reading: await openInvoiceReading(fields, row) }))),
      afterRaised: (tx, created, facts) => autoAssign(this.platform, tx, assignPlan, created, facts),
    });
    await audit(this.platform.db, actor, {
      action: 'tempplate.reevaluate',
      details: { from: from.toISOString(), to: to.toISOString(), historyOnly, businesses: seen, raised, paramSetVersion: version || null },
    });
    return { businesses: seen, raised };
  }
}

/** How a window is walked: the rules admitted, how a page's personal fields are opened, what follows a new warning. */
export interface WindowWalk {
  only?: (r: Rule) => boolean;
  open: (page: BusinessRow[]) => Promise<{ owner: OpenedOwner; reading: InvoiceReading | null }[]>;
  afterRaised?: (tx: Tx, created: RaisedWarning[], facts: BusinessFacts & { departmentId: number }) => Promise<unknown>;
  /** Where T10 and X9 read the tickets of the plates (none when absent). */
  enforcement?: EnforcementApi;
  /** Businesses per page and transaction (default 200; tests use small pages to cross page boundaries). */
  pageSize?: number;
}

/**
 * Re-evaluates the businesses issued in [from, to): page by page in id order, the page's fields opened before its
 * transaction, one transaction per page. The page's VIN and owner histories and its existing warnings are read in
 * one query each, then each business is evaluated with the same rules as in real time (only new hits are inserted).
 * The service opens the SM4 fields; the bench (tools/bench) gives fixed ones.
 */
export async function reevaluateWindow(db: Db, settings: Settings, from: Date, to: Date, walk: WindowWalk) {
  let afterId = 0;
  let seen = 0;
  let raised = 0;
  let version = 0;
  for (;;) {
    const page = await businesses.pageInWindow(db, from, to, afterId, walk.pageSize ?? PAGE);
    if (page.length === 0) break;
    const opened = await walk.open(page);
    await db.transaction(async (tx) => {
      version ||= await paramSetVersion(tx, settings);
      const facts = page.map((row, i) => ({ ...factsOf(row, opened[i]!.owner), departmentId: row.departmentId }));
      const histories = await pageHistories(tx, facts, settings, walk.enforcement);
      for (const [i, f] of facts.entries()) {
        const created = await evaluateBusiness(tx, f, settings, version, opened[i]!.reading, walk.only, histories);
        await walk.afterRaised?.(tx, created, f);
        raised += created.length;
      }
    });
    seen += page.length;
    afterId = page.at(-1)!.id;
  }
  return { seen, raised, version };
}
