import type { DbOrTx } from '../../../platform/db/client.ts';
import type { EnforcementApi, PlateTicket } from '../../enforcement/enforcement.api.ts';
import { businessesRepository as businesses } from '../intake/businesses.repository.ts';
import { dayCountsRepository as dayCounts, type ShareWindow } from '../intake/day-counts.repository.ts';
import { workOrdersRepository as orders } from '../work-orders/work-orders.repository.ts';
import { ticketSpan } from './plate-tickets.ts';
import type { BusinessFacts, VinHistoryEntry } from './rule.ts';
import type { Settings } from './rules.ts';
import { dealerShareKey, departmentShareKey, readsShares, shareWindow } from './share-window.ts';

/** A rule reads at most this many earlier plates of a key (as the single-business query limits them). */
const HISTORY_LIMIT = 200;
/** T10 and X9 read at most this many tickets of a plate. */
const TICKET_LIMIT = 50;
/** A batch page's tickets in one read: far more than its plates can have in their windows. */
const PAGE_TICKET_LIMIT = 10_000;
const DAY = 86_400_000;

/**
 * Where an evaluation reads the earlier plates of a VIN and of an owner ID, and which of a business's rules are
 * already raised: the database one business at a time (real time), or a batch page read at once.
 */
export interface PlateHistories {
  vin(vin: string, from: Date, until: Date): Promise<VinHistoryEntry[]>;
  owner(ownerIdIdx: string, from: Date, until: Date): Promise<VinHistoryEntry[]>;
  /** Whether the rule is known to be raised for the business already (then no insert is tried); false when unknown. */
  alreadyRaised(businessId: number, rule: string): boolean;
  /** The tickets of a plate in [from, until) (T10, X9), oldest first, at most TICKET_LIMIT; none without the 交通执法 module. */
  tickets(plate: string, from: Date, until: Date): Promise<PlateTicket[]>;
  /** A value read once per key (a page's T9 share of a department or dealer up to a day), or every time in real time. */
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** Whether the owner histories are read: only T10 and X5 use them. */
export const readsOwnerHistory = (settings: Settings) => settings.enabled.includes('T10') || settings.enabled.includes('X5');

/** The histories read from the database for each evaluation (tickets through the 交通执法 module's API, when mounted). */
export const queriedHistories = (db: DbOrTx, enforcement?: EnforcementApi): PlateHistories => ({
  vin: (vin, from, until) => businesses.vinHistory(db, vin, from, until),
  tickets: async (plate, from, until) => (enforcement ? enforcement.ticketsOfPlates(db, [plate], from, until, TICKET_LIMIT) : []),
  owner: (ownerIdIdx, from, until) => businesses.ownerHistory(db, ownerIdIdx, from, until),
  alreadyRaised: () => false,
  once: (_key, read) => read(),
});

type Keyed = VinHistoryEntry & { key: string };

/** Groups rows (oldest first) by key, keeping their order. */
function byKey(rows: Keyed[]): Map<string, Keyed[]> {
  const map = new Map<string, Keyed[]>();
  for (const row of rows) {
    const list = map.get(row.key);
    if (list) list.push(row);
    else map.set(row.key, [row]);
  }
  return map;
}

/** A key's plates issued in [from, until], oldest first, at most HISTORY_LIMIT: what the single query returns. */
function within(map: Map<string, Keyed[]>, key: string, from: Date, until: Date): VinHistoryEntry[] {
  const out: VinHistoryEntry[] = [];
  for (const { key: _key, ...row } of map.get(key) ?? []) {
    const t = row.issuedAt.getTime();
    if (t < from.getTime() || t > until.getTime()) continue;
    out.push(row);
    if (out.length === HISTORY_LIMIT) break;
  }
  return out;
}

/**
 * The T9 shares of a page's non-Shanghai resident-ID owners: one statement for the departments and one for the dealers,
 * each (subject, day) once, under the keys the evaluation asks for.
 */
async function pageShares(db: DbOrTx, page: (BusinessFacts & { departmentId: number })[], settings: Settings) {
  const departments = new Map<string, { key: number; w: ShareWindow }>();
  const dealers = new Map<string, { key: string; w: ShareWindow }>();
  for (const b of page.filter(readsShares)) {
    const w = shareWindow(b.issuedAt, settings.params);
    departments.set(departmentShareKey(b.departmentId, w), { key: b.departmentId, w });
    if (b.dealerUscc) dealers.set(dealerShareKey(b.dealerUscc, w), { key: b.dealerUscc, w });
  }
  const read = new Map<string, Promise<unknown>>();
  const deptRows = await dayCounts.departmentShares(db, [...departments.values()]);
  for (const [i, key] of [...departments.keys()].entries()) read.set(key, Promise.resolve(deptRows[i]));
  const dealerRows = await dayCounts.dealerShares(db, [...dealers.values()]);
  for (const [i, key] of [...dealers.keys()].entries()) read.set(key, Promise.resolve(dealerRows[i]));
  return read;
}

/** The T10 and X9 tickets of a page's plates (those whose rules need them) in one read over the span of their spans, oldest first. */
async function pageTickets(db: DbOrTx, page: BusinessFacts[], settings: Settings, enforcement: EnforcementApi): Promise<PlateTicket[]> {
  const spans = page.flatMap((b) => {
    const span = ticketSpan(b, settings.enabled, settings.params);
    return span ? [{ plate: b.plate, ...span }] : [];
  });
  if (spans.length === 0) return [];
  const from = new Date(Math.min(...spans.map((w) => w.from.getTime())));
  const until = new Date(Math.max(...spans.map((w) => w.until.getTime())));
  return enforcement.ticketsOfPlates(db, [...new Set(spans.map((s) => s.plate))], from, until, PAGE_TICKET_LIMIT);
}

/**
 * The histories of a batch page in one query per kind (VINs, owner IDs) over the page's whole window, the warnings
 * its businesses already have in one more, and its T9 shares in two; each business then takes its own window in memory.
 */
export async function pageHistories(
  db: DbOrTx,
  page: (BusinessFacts & { departmentId: number })[],
  settings: Settings,
  enforcement?: EnforcementApi,
): Promise<PlateHistories> {
  const times = page.map((b) => b.issuedAt.getTime());
  const from = new Date(Math.min(...times) - settings.params.issueWindowDays * DAY);
  const until = new Date(Math.max(...times));
  const distinct = (values: string[]) => [...new Set(values)];
  // One after another: the page's queries share its transaction's connection.
  const vinMap = byKey(await businesses.vinHistories(db, distinct(page.map((b) => b.vin)), from, until));
  const ownerMap = byKey(readsOwnerHistory(settings) ? await businesses.ownerHistories(db, distinct(page.map((b) => b.ownerIdIdx)), from, until) : []);
  const raised = await orders.raisedOfBusinesses(
    db,
    page.map((b) => b.id),
  );
  const tickets = enforcement ? await pageTickets(db, page, settings, enforcement) : [];
  const memo = settings.enabled.includes('T9') ? await pageShares(db, page, settings) : new Map<string, Promise<unknown>>();
  return {
    vin: async (vin, f, u) => within(vinMap, vin, f, u),
    owner: async (ownerIdIdx, f, u) => within(ownerMap, ownerIdIdx, f, u),
    tickets: async (plate, f, u) =>
      tickets.filter((t) => t.plate === plate && Date.parse(t.occurredAt) >= f.getTime() && Date.parse(t.occurredAt) < u.getTime()).slice(0, TICKET_LIMIT),
    alreadyRaised: (businessId, rule) => raised.has(`${businessId}:${rule}`),
    once: <T>(key: string, read: () => Promise<T>) => {
      if (!memo.has(key)) memo.set(key, read());
      return memo.get(key) as Promise<T>;
    },
  };
}
