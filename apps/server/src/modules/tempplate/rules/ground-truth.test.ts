import { BusinessIntakeSchema, DEFAULT_REQUIRED_MATERIALS, type RuleCode } from '@shtp/core/tempplate';
import { tempPlateYear } from '@shtp/testkit';
import { describe, expect, it } from 'vitest';
import type { BusinessFacts, RuleParams, VinHistoryEntry } from './rule.ts';
import { evaluateRules, RULE_SET } from './rules.ts';

const PARAMS: RuleParams = {
  maxIssuesPerVin: 2,
  issueWindowDays: 365,
  chainGapDays: 3,
  chainLength: 2,
  workingHours: { start: '08:30', end: '17:30' },
  minConfidence: 80,
  minInvoiceSide: 600,
  minSharpness: 12,
  minContrast: 20,
  localUseMinBusinesses: 2,
  shareRecentDays: 30,
  shareBaselineDays: 365,
  shareMinSample: 30,
  shareMinZ: 3.09,
  shareMinRise: 10,
  requiredMaterials: DEFAULT_REQUIRED_MATERIALS,
};
const LABELLED: RuleCode[] = ['T1', 'T2', 'T3', 'T7'];

/**
 * The generator's injected anomalies against the rules, on a fixed seed and the default parameters: every rule finds
 * every case injected for it, and raises nothing on the honest businesses (false positives counted per rule).
 */
describe('rules against the generator’s ground truth', () => {
  const year = [...tempPlateYear(20261202, { count: 3000, year: 2025, departmentCodes: ['310101000000'] })].sort((a, b) =>
    a.business.issuedAt.localeCompare(b.business.issuedAt),
  );

  it('generates valid businesses with each kind of anomaly present', () => {
    for (const { business } of year) expect(BusinessIntakeSchema.safeParse(business).success).toBe(true);
    for (const rule of LABELLED) expect(year.filter((x) => x.labels.includes(rule)).length, rule).toBeGreaterThan(5);
  });

  it('finds all injected cases of T1, T2, T3 and T7 and raises no false positive', () => {
    const history = new Map<string, VinHistoryEntry[]>();
    const missed: Record<string, number> = {};
    const falsePositives: Record<string, number> = {};
    for (const [i, { business: b, labels }] of year.entries()) {
      const facts: BusinessFacts = {
        id: i + 1,
        plate: b.plate,
        vin: b.vin,
        caseType: b.caseType,
        ownerIdType: b.owner.idType,
        ownerName: b.owner.name,
        ownerIdNumber: b.owner.idNumber,
        ownerIdIdx: b.owner.idNumber, // the blind index stands for the number: equal in, equal out
        ownerRegion: b.ownerRegion,
        dealerName: b.dealer?.name ?? null,
        dealerUscc: b.dealer?.uscc ?? null,
        invoice: b.invoice ?? null,
        invoiceBuyerIdx: b.invoice?.buyerIdNumber ?? null,
        registeredOwnerIdx: b.registeredOwnerIdNumber ?? null,
        materials: b.materials,
        invoiceQuality: null,
        acceptedAt: new Date(b.acceptedAt),
        issuedAt: new Date(b.issuedAt),
        validFrom: b.validFrom,
        validTo: b.validTo,
        insuranceEnd: b.insurance.endDate,
      };
      const vinHistory = history.get(b.vin) ?? [];
      const hits = evaluateRules(
        { business: facts, vinHistory, ownerHistory: [], shares: [], invoiceReading: null, params: PARAMS },
        RULE_SET.map((r) => r.code),
      ).map((h) => h.rule.code);
      history.set(b.vin, [...vinHistory, { id: facts.id, plate: b.plate, issuedAt: facts.issuedAt, validFrom: b.validFrom, validTo: b.validTo }]);
      for (const rule of LABELLED) {
        if (labels.includes(rule) && !hits.includes(rule)) missed[rule] = (missed[rule] ?? 0) + 1;
        if (!labels.includes(rule) && hits.includes(rule)) falsePositives[rule] = (falsePositives[rule] ?? 0) + 1;
      }
    }
    expect(missed).toEqual({});
    expect(falsePositives).toEqual({});
  });
});
