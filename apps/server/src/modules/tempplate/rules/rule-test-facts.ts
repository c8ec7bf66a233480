import type { BusinessFacts, InvoiceReading, RuleInput, RuleParams } from './rule.ts';

/** Test input of the rules: an honest business (no rule fires) to change one fact at a time. */
export const PARAMS: RuleParams = {
  maxIssuesPerVin: 2,
  issueWindowDays: 365,
  chainGapDays: 3,
  chainLength: 3,
  workingHours: { start: '08:30', end: '17:30' },
  minConfidence: 80,
  minInvoiceSide: 600,
  minSharpness: 12,
  minContrast: 20,
  maxEdgeContent: 5,
  localUseMinBusinesses: 2,
  landlineAsLocalUse: false,
  localMobileSegments: [],
  localUseMinTickets: 0,
  unregisteredCases: ['unsold', 'purchased', 'export'],
  maxExportIssues: 1,
  maxVinsPerOwner: 3,
  originWindowDays: 365,
  minOriginOtherVins: 1,
  shareRecentDays: 30,
  shareBaselineDays: 365,
  shareMinSample: 30,
  shareMinZ: 3.09,
  shareMinRise: 10,
  maxOwnersPerPhone: 3,
  issuerWindowDays: 30,
  issuerMinSample: 30,
  issuerMinPeers: 3,
  issuerMinZ: 3.09,
  issuerMinRatio: 2,
  ticketGraceDays: 0,
  ticketWindowDays: 90,
  minTickets: 1,
  requiredMaterials: { purchased: ['owner_id', 'insurance', 'invoice', 'certificate'] },
};

export const HONEST: BusinessFacts = {
  id: 10,
  plate: '沪A12345',
  vin: 'LSVAU2180N2183294',
  caseType: 'purchased',
  officer: '民警12',
  ownerIdType: 'A',
  ownerName: '张三',
  ownerIdNumber: '310101199001011237',
  ownerIdIdx: 'idx-owner',
  ownerRegion: '310101',
  phoneIdx: 'idx-phone',
  phoneLandline: false,
  phoneMobilePrefix: '1591234',
  dealerName: '上海某汽车销售有限公司',
  dealerUscc: '91310000MA1FL0000X',
  invoice: { number: '12345678', buyerName: '张三', buyerIdNumber: '310101199001011237', vin: 'LSVAU2180N2183294' },
  invoiceBuyerIdx: 'idx-owner',
  originNo: '12345678',
  registeredOwnerIdx: null,
  materials: ['owner_id', 'insurance', 'invoice', 'certificate'],
  invoiceQuality: { sharpness: 45, contrast: 45, brightness: 235 },
  invoiceRecapture: { score: 0.09, threshold: 0.75, decision: 'original', attack: 'screen', cues: [], modelVersion: 'recapture-test' },
  images: [],
  // Tuesday 2025-03-11, 10:00 and 10:20 Beijing time
  acceptedAt: new Date('2025-03-11T02:00:00Z'),
  issuedAt: new Date('2025-03-11T02:20:00Z'),
  validFrom: '2025-03-11',
  validTo: '2025-03-25',
  insuranceEnd: '2026-03-10',
};

const read = (value: string | null, confidence = 97) => ({ value, confidence, box: [10, 20, 200, 40] as [number, number, number, number] });
export const READING: InvoiceReading = { vin: read(HONEST.vin), buyerIdNumber: read(HONEST.ownerIdNumber), buyerName: read(HONEST.ownerName) };
export { read };

interface Change {
  business?: Partial<BusinessFacts>;
  params?: Partial<RuleParams>;
  vinHistory?: RuleInput['vinHistory'];
  ownerHistory?: RuleInput['ownerHistory'];
  shares?: RuleInput['shares'];
  phoneOwners?: number;
  originReuse?: RuleInput['originReuse'];
  issuerLoads?: RuleInput['issuerLoads'];
  plateTickets?: RuleInput['plateTickets'];
  invoiceReading?: InvoiceReading | null;
}

export function input(change: Change = {}): RuleInput {
  return {
    business: { ...HONEST, ...change.business },
    vinHistory: change.vinHistory ?? [],
    ownerHistory: change.ownerHistory ?? [],
    shares: change.shares ?? [],
    phoneOwners: change.phoneOwners ?? 0,
    originReuse: change.originReuse ?? [],
    issuerLoads: change.issuerLoads ?? [],
    plateTickets: change.plateTickets ?? [],
    invoiceReading: change.invoiceReading === undefined ? READING : change.invoiceReading,
    params: { ...PARAMS, ...change.params },
  };
}
