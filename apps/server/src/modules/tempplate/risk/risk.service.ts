import { maskName } from '@shtp/core/masking';
import { RISK_SUBJECTS, type RiskProfile, type RiskRow, type RiskSubject, RULES, type RuleCode } from '@shtp/core/tempplate';
import type { Actor } from '../../../platform/audit/audit.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { openAgentName, openOwner } from '../intake/business-record.ts';
import { businessesRepository as businesses } from '../intake/businesses.repository.ts';
import { riskRepository as repo } from './risk.repository.ts';
import { RISK_FORMULA } from './risk-score.ts';

const RANKING_SIZE = 50;
const DAY = 86_400_000;
/** A Beijing calendar window [from 00:00, the day after `to` 00:00). */
const window = (from: string, to: string) => [new Date(`${from}T00:00:00+08:00`), new Date(Date.parse(`${to}T00:00:00+08:00`) + DAY)] as const;
const PEOPLE: readonly RiskSubject[] = ['agent', 'holder'];

/**
 * 风险画像: dealers, officers, agents and ID holders scored from the warnings of their businesses and the outcomes of
 * the work orders (risk-score.ts). People are named masked; reading their ranking or profile is audited.
 */
export class RiskService {
  constructor(private readonly platform: Platform) {}

  async ranking(p: Principal, actor: Actor, q: { kind: RiskSubject; from: string; to: string }): Promise<RiskRow[]> {
    const [from, to] = window(q.from, q.to);
    const rows = await repo.ranking(this.platform.db, p, q.kind, from, to, RANKING_SIZE);
    if (PEOPLE.includes(q.kind))
      await audit(this.platform.db, actor, { action: 'tempplate.risk.read', details: { kind: q.kind, rows: rows.length, masked: true } });
    const out: RiskRow[] = [];
    for (const r of rows) out.push({ key: r.key, label: await this.label(q.kind, r.key, r.dealerName, r.latestBusinessId), ...counts(r) });
    return out;
  }

  async profile(p: Principal, actor: Actor, q: { kind: RiskSubject; key: string; from: string; to: string }): Promise<RiskProfile> {
    const [from, to] = window(q.from, q.to);
    const rules = await repo.byRule(this.platform.db, p, q.kind, q.key, from, to);
    if (rules.length === 0) throw notFound(`${RISK_SUBJECTS[q.kind]}的预警`);
    const latest = Math.max(...rules.map((r) => r.latestBusinessId));
    await audit(this.platform.db, actor, { action: 'tempplate.risk.read', details: { kind: q.kind, profile: true, masked: true } });
    const sum = (k: 'warnings' | 'confirmed' | 'unfounded' | 'open' | 'score') => rules.reduce((n, r) => n + r[k], 0);
    return {
      kind: q.kind,
      key: q.key,
      label: await this.label(q.kind, q.key, rules.find((r) => r.dealerName)?.dealerName ?? null, latest),
      formula: RISK_FORMULA,
      warnings: sum('warnings'),
      confirmed: sum('confirmed'),
      unfounded: sum('unfounded'),
      open: sum('open'),
      score: sum('score'),
      byRule: rules.map((r) => ({
        rule: r.rule,
        ruleName: RULES[r.rule as RuleCode] ?? r.rule,
        warnings: r.warnings,
        confirmed: r.confirmed,
        points: r.score,
      })),
    };
  }

  /** How a subject is named: a dealer by name and USCC, an officer as recorded, a person by the masked name of their latest business. */
  private async label(kind: RiskSubject, key: string, dealerName: string | null, latestBusinessId: number): Promise<string> {
    if (kind === 'dealer') return dealerName ? `${dealerName}（${key}）` : key;
    if (kind === 'officer') return key;
    const row = await businesses.byId(this.platform.db, latestBusinessId);
    if (!row) return '—';
    const name = kind === 'holder' ? (await openOwner(this.platform.fields, row)).ownerName : await openAgentName(this.platform.fields, row);
    return maskName(name ?? '') ?? '—';
  }
}

const counts = (r: { warnings: number; confirmed: number; unfounded: number; open: number; score: number }) => ({
  warnings: r.warnings,
  confirmed: r.confirmed,
  unfounded: r.unfounded,
  open: r.open,
  score: r.score,
});
