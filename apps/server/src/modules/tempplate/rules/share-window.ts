import type { ShareWindow } from '../intake/day-counts.repository.ts';
import { nonLocalIdCard } from './id-region.ts';
import type { BusinessFacts, RuleParams } from './rule.ts';

const DAY = 86_400_000;

/** The day (YYYY-MM-DD) of an instant in Beijing time: the day counters' key (T9, T12). */
export const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Whether T9 reads shares for the business: only for a non-Shanghai resident-ID owner. */
export const readsShares = (b: BusinessFacts) => nonLocalIdCard(b.ownerIdType, b.ownerRegion) === true;

/** T9's days for a business: the recent days up to its day of issue and the history before them. */
export function shareWindow(issuedAt: Date, p: RuleParams): ShareWindow {
  const until = dayOf(issuedAt);
  const recentFrom = plusDays(until, 1 - p.shareRecentDays);
  return { baselineFrom: plusDays(recentFrom, -p.shareBaselineDays), recentFrom, until };
}

/** The keys under which a page's shares are read once (see PlateHistories.once). */
export const departmentShareKey = (departmentId: number, w: ShareWindow) => `department:${departmentId}:${w.until}`;
export const dealerShareKey = (uscc: string, w: ShareWindow) => `dealer:${uscc}:${w.until}`;

/** X7's days for a business: the issuer window's days up to and including its day of issue. */
export interface IssuerWindow {
  from: string;
  until: string;
}
export function issuerWindow(issuedAt: Date, p: RuleParams): IssuerWindow {
  const until = dayOf(issuedAt);
  return { from: plusDays(until, 1 - p.issuerWindowDays), until };
}
/** The keys under which a page's issuer counts are read once: a department's officers, the departments of a level. */
export const officerLoadKey = (departmentId: number, w: IssuerWindow) => `officers:${departmentId}:${w.until}`;
export const departmentLoadKey = (departmentId: number, w: IssuerWindow) => `departments:${departmentId}:${w.until}`;
