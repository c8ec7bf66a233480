import { sm3Hex } from '@shtp/gm';
import canonicalizeModule from 'canonicalize';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { businessesRepository as businesses } from '../intake/businesses.repository.ts';
import { dayCountsRepository as dayCounts } from '../intake/day-counts.repository.ts';
import { workOrdersRepository as orders } from '../work-orders/work-orders.repository.ts';
import { type PlateHistories, queriedHistories, readsOwnerHistory } from './plate-histories.ts';
import { ticketSpan } from './plate-tickets.ts';
import type { BusinessFacts, InvoiceReading, IssuerLoad, Rule, RuleParams, SubjectShare } from './rule.ts';
import { evaluateRules, type Settings } from './rules.ts';
import { dealerShareKey, departmentLoadKey, departmentShareKey, issuerWindow, officerLoadKey, readsShares, shareWindow } from './share-window.ts';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string;
const DAY = 86_400_000;

/** The rollup month of an instant: its month in Beijing time. */
export const monthOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

/** A warning an evaluation raised, with its new work order. */
export interface RaisedWarning {
  rule: string;
  warningId: number;
  orderId: number;
}

export { dayOf } from './share-window.ts';

/**
 * T9's input: the department's and the dealer's recent share of non-Shanghai IDs (the recent days up to the day of
 * issue) and their history before it, from the day counters. Read only for a non-Shanghai resident-ID owner.
 */
async function sharesOf(db: DbOrTx, b: BusinessFacts & { departmentId: number }, p: RuleParams, h: PlateHistories): Promise<SubjectShare[]> {
  if (!readsShares(b)) return [];
  const w = shareWindow(b.issuedAt, p);
  const department = await h.once(departmentShareKey(b.departmentId, w), () => dayCounts.departmentShare(db, b.departmentId, w));
  const shares: SubjectShare[] = [{ subject: 'department', ...department }];
  const uscc = b.dealerUscc;
  if (uscc)
    shares.push({ subject: 'dealer', label: b.dealerName ?? uscc, ...(await h.once(dealerShareKey(uscc, w), () => dayCounts.dealerShare(db, uscc, w))) });
  return shares;
}

/**
 * X7's input: the business's officer against the other officers of its department, and its department against the
 * other departments of its level, by plates issued in the X7 window (each read once per key in a batch page).
 */
async function issuerLoadsOf(db: DbOrTx, b: BusinessFacts & { departmentId: number }, p: RuleParams, h: PlateHistories): Promise<IssuerLoad[]> {
  const w = issuerWindow(b.issuedAt, p);
  const officers = await h.once(officerLoadKey(b.departmentId, w), () => businesses.officerCounts(db, b.departmentId, w.from, w.until));
  const levels = await h.once(departmentLoadKey(b.departmentId, w), () => dayCounts.levelCounts(db, b.departmentId, w.from, w.until));
  const own = levels.find((r) => r.departmentId === b.departmentId);
  return [
    {
      subject: 'officer',
      label: b.officer,
      count: officers.find((r) => r.officer === b.officer)?.n ?? 0,
      peers: officers.filter((r) => r.officer !== b.officer).map((r) => r.n),
    },
    {
      subject: 'department',
      label: own?.name ?? String(b.departmentId),
      count: own?.n ?? 0,
      peers: levels.filter((r) => r.departmentId !== b.departmentId).map((r) => r.n),
    },
  ];
}

/** The values of a parameter set as recorded, and their digest (its identity). */
export function paramSetValues(settings: Settings): { values: Record<string, unknown>; digest: string } {
  const values = { enabled: settings.enabled, ...settings.params };
  return { values, digest: sm3Hex(canonicalize(values)) };
}

/** The version of the parameter set (T26) an evaluation runs under: one row per distinct set of values. */
export async function paramSetVersion(db: DbOrTx, settings: Settings): Promise<number> {
  const { values, digest } = paramSetValues(settings);
  return businesses.paramSetVersion(db, digest, values);
}

/**
 * Evaluates one business with the enabled rules (or those `only` admits) and raises each hit as a warning with its
 * work order, in the caller's transaction; a hit already raised for the business and rule is left as it is.
 * The VIN and owner histories come from `histories` (the batch reads a page's at once). Returns the warnings newly raised.
 */
export async function evaluateBusiness(
  db: DbOrTx,
  b: BusinessFacts & { departmentId: number },
  settings: Settings,
  paramVersion: number,
  invoiceReading: InvoiceReading | null,
  only?: (r: Rule) => boolean,
  histories: PlateHistories = queriedHistories(db),
): Promise<RaisedWarning[]> {
  const since = new Date(b.issuedAt.getTime() - settings.params.issueWindowDays * DAY);
  const vinHistory = await histories.vin(b.vin, since, b.issuedAt);
  const ownerHistory = readsOwnerHistory(settings) ? await histories.owner(b.ownerIdIdx, since, b.issuedAt) : [];
  const shares = settings.enabled.includes('T9') ? await sharesOf(db, b, settings.params, histories) : [];
  const phoneOwners = settings.enabled.includes('X2') ? await businesses.otherOwnersOfPhone(db, b.phoneIdx, b.ownerIdIdx, since, b.issuedAt) : 0;
  const originReuse =
    settings.enabled.includes('X6') && b.originNo
      ? await businesses.originReuse(db, b.originNo, b.vin, new Date(b.issuedAt.getTime() - settings.params.originWindowDays * DAY), b.issuedAt)
      : [];
  // one read for the rules that count the plate's tickets (T10 within its validity, X9 after it)
  const tickets = ticketSpan(b, settings.enabled, settings.params);
  const plateTickets = tickets ? await histories.tickets(b.plate, tickets.from, tickets.until) : [];
  const issuerLoads = settings.enabled.includes('X7') ? await issuerLoadsOf(db, b, settings.params, histories) : [];
  const hits = evaluateRules(
    { business: b, vinHistory, ownerHistory, shares, phoneOwners, originReuse, issuerLoads, plateTickets, invoiceReading, params: settings.params },
    settings.enabled,
    only,
  );
  const raised: RaisedWarning[] = [];
  for (const hit of hits) {
    if (histories.alreadyRaised(b.id, hit.rule.code)) continue;
    const created = await orders.raise(db, {
      businessId: b.id,
      rule: hit.rule.code,
      ruleVersion: hit.rule.version,
      paramSetVersion: paramVersion,
      severity: hit.severity,
      summary: hit.summary,
      evidence: hit.evidence,
      departmentId: b.departmentId,
      issuedAt: b.issuedAt,
    });
    if (created === null) continue;
    await orders.bump(db, b.departmentId, monthOf(b.issuedAt), hit.rule.code, 'raised');
    raised.push({ rule: hit.rule.code, ...created });
  }
  return raised;
}
