import type { CaseType } from '@shtp/core/tempplate';
import type { Platform } from '../../../platform/platform.ts';
import { tempplateParams } from '../tempplate.params.ts';
import type { Rule, RuleHit, RuleInput, RuleParams } from './rule.ts';
import { t1IssuesPerVin } from './t1-issues-per-vin.ts';
import { t2OutsideHours } from './t2-outside-hours.ts';
import { t3OwnerMismatch } from './t3-owner-mismatch.ts';
import { t4InvoiceVin } from './t4-invoice-vin.ts';
import { t5InvoiceId } from './t5-invoice-id.ts';
import { t6InvoiceName } from './t6-invoice-name.ts';
import { t7MissingMaterials } from './t7-missing-materials.ts';
import { t8InvoiceImage } from './t8-invoice-image.ts';
import { t9NonLocalShare } from './t9-non-local-share.ts';
import { t10NonLocalUse } from './t10-non-local-use.ts';
import { x1BeyondInsurance } from './x1-beyond-insurance.ts';
import { x2SharedPhone } from './x2-shared-phone.ts';
import { x3AfterRegistration } from './x3-after-registration.ts';
import { x4RepeatedExport } from './x4-repeated-export.ts';
import { x5OwnerManyVins } from './x5-owner-many-vins.ts';
import { x6OriginReuse } from './x6-origin-reuse.ts';
import { x7IssuerAbovePeers } from './x7-issuer-above-peers.ts';
import { x9TicketsAfterValidity } from './x9-tickets-after-validity.ts';

/** The warning rules T1–T10 and the risk signals X1–X7 and X9 (off by default). */
export const RULE_SET: readonly Rule[] = [
  t1IssuesPerVin,
  t2OutsideHours,
  t3OwnerMismatch,
  t4InvoiceVin,
  t5InvoiceId,
  t6InvoiceName,
  t7MissingMaterials,
  t8InvoiceImage,
  t9NonLocalShare,
  t10NonLocalUse,
  x1BeyondInsurance,
  x2SharedPhone,
  x3AfterRegistration,
  x4RepeatedExport,
  x5OwnerManyVins,
  x6OriginReuse,
  x7IssuerAbovePeers,
  x9TicketsAfterValidity,
];

/** The parameter values of one evaluation, with the enabled rules. */
export interface Settings {
  enabled: string[];
  params: RuleParams;
}

export async function readSettings(platform: Platform): Promise<Settings> {
  const p = platform.params;
  const required = await p.get(tempplateParams.requiredMaterials);
  return {
    enabled: await p.get(tempplateParams.enabledRules),
    params: {
      maxIssuesPerVin: await p.get(tempplateParams.maxIssuesPerVin),
      issueWindowDays: await p.get(tempplateParams.issueWindowDays),
      chainGapDays: await p.get(tempplateParams.chainGapDays),
      chainLength: await p.get(tempplateParams.chainLength),
      workingHours: await p.get(tempplateParams.workingHours),
      minConfidence: await p.get(tempplateParams.minConfidence),
      minInvoiceSide: await p.get(tempplateParams.minInvoiceSide),
      minSharpness: await p.get(tempplateParams.minSharpness),
      minContrast: await p.get(tempplateParams.minContrast),
      maxEdgeContent: await p.get(tempplateParams.maxEdgeContent),
      localUseMinBusinesses: await p.get(tempplateParams.localUseMinBusinesses),
      landlineAsLocalUse: await p.get(tempplateParams.landlineAsLocalUse),
      localMobileSegments: await p.get(tempplateParams.localMobileSegments),
      localUseMinTickets: await p.get(tempplateParams.localUseMinTickets),
      unregisteredCases: await p.get(tempplateParams.unregisteredCases),
      maxExportIssues: await p.get(tempplateParams.maxExportIssues),
      maxVinsPerOwner: await p.get(tempplateParams.maxVinsPerOwner),
      originWindowDays: await p.get(tempplateParams.originWindowDays),
      minOriginOtherVins: await p.get(tempplateParams.minOriginOtherVins),
      shareRecentDays: await p.get(tempplateParams.shareRecentDays),
      shareBaselineDays: await p.get(tempplateParams.shareBaselineDays),
      shareMinSample: await p.get(tempplateParams.shareMinSample),
      shareMinZ: await p.get(tempplateParams.shareMinZ),
      shareMinRise: await p.get(tempplateParams.shareMinRise),
      maxOwnersPerPhone: await p.get(tempplateParams.maxOwnersPerPhone),
      issuerWindowDays: await p.get(tempplateParams.issuerWindowDays),
      issuerMinSample: await p.get(tempplateParams.issuerMinSample),
      issuerMinPeers: await p.get(tempplateParams.issuerMinPeers),
      issuerMinZ: await p.get(tempplateParams.issuerMinZ),
      issuerMinRatio: await p.get(tempplateParams.issuerMinRatio),
      ticketGraceDays: await p.get(tempplateParams.ticketGraceDays),
      ticketWindowDays: await p.get(tempplateParams.ticketWindowDays),
      minTickets: await p.get(tempplateParams.minTickets),
      requiredMaterials: Object.fromEntries(required.map((s) => s.split(':')).map(([c, list]) => [c as CaseType, list!.split('+')])),
    },
  };
}

export interface RuleResult extends RuleHit {
  rule: Rule;
}

/** Runs the enabled rules (optionally a subset) over one business. */
export function evaluateRules(input: RuleInput, enabled: readonly string[], only?: (r: Rule) => boolean): RuleResult[] {
  return RULE_SET.filter((r) => enabled.includes(r.code) && (only?.(r) ?? true)).flatMap((rule) => {
    const hit = rule.evaluate(input);
    return hit ? [{ ...hit, rule }] : [];
  });
}
