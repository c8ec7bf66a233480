import type { CaseType, Evidence, RuleCode, Severity } from '@shtp/core/tempplate';
import type { PlateTicket } from '../../enforcement/enforcement.api.ts';
import type { ImageQuality } from '../intake/image-quality.ts';

/** The recognition's 翻拍检测 of an image as the business keeps it (the shape of recognition.api.ts RecaptureVerdict). */
export interface ImageRecapture {
  score: number;
  threshold: number;
  decision: 'original' | 'recapture' | 'uncertain';
  attack: 'screen' | 'print';
  /** The cues that fired, in Chinese. */
  cues: string[];
  modelVersion: string;
}

/** A material image as T8 judges it: its size, pixel statistics and 翻拍 verdict, each null when not measured. */
export interface JudgedImage {
  material: string;
  width: number | null;
  height: number | null;
  quality: ImageQuality | null;
  recapture: ImageRecapture | null;
}

/** One business as the rules see it: identifiers in clear in memory only (evidence masks them). */
export interface BusinessFacts {
  id: number;
  plate: string;
  vin: string;
  caseType: CaseType;
  /** The officer who issued the plate, as the 车驾管 system names him or her (X7 compares officers of a department). */
  officer: string;
  ownerIdType: string;
  ownerName: string;
  ownerIdNumber: string;
  ownerIdIdx: string;
  ownerRegion: string;
  /** Blind index of the contact phone (X2 counts the owners behind one phone). */
  phoneIdx: string;
  /** The contact phone is a Shanghai landline (021), not a mobile (T10 may count it as local use). */
  phoneLandline: boolean;
  /** The first seven digits (号段 + H 码) of a mobile contact phone, not the whole number (T10); null for a landline. */
  phoneMobilePrefix: string | null;
  /** 销售单位 (a unit, in clear): T9 compares its share of non-Shanghai IDs with its history. */
  dealerName: string | null;
  dealerUscc: string | null;
  invoice: { number: string; buyerName: string; buyerIdNumber: string; vin: string } | null;
  /** The proof of origin's number (the invoice number, normalised; X6), null without an invoice. */
  originNo: string | null;
  invoiceBuyerIdx: string | null;
  registeredOwnerIdx: string | null;
  materials: string[];
  /** The pixel statistics of the invoice image (T8); null without one, or when stored before they were measured. */
  invoiceQuality: ImageQuality | null;
  /** The recognition's 翻拍检测 of the invoice image (T8); null without one or when it could not be checked. */
  invoiceRecapture: ImageRecapture | null;
  /** Every material image in delivery order (T8: cropping of each, 翻拍 of the materials other than the invoice). */
  images: JudgedImage[];
  acceptedAt: Date;
  issuedAt: Date;
  validFrom: string;
  validTo: string;
  insuranceEnd: string;
}

/** Earlier temporary plates of the same VIN (T1) or owner (T10, X5), oldest first. */
export interface VinHistoryEntry {
  id: number;
  plate: string;
  vin: string;
  caseType: string;
  issuedAt: Date;
  validFrom: string;
  validTo: string;
}

/** A value read from a document image by the recognition module, with its confidence (0–100) and box. */
export interface ReadValue {
  value: string | null;
  confidence: number;
  box: [number, number, number, number] | null;
}
export interface InvoiceReading {
  /** What the image is (T8): its invoice layout or null (not an invoice), its size; absent when the reading failed. */
  document?: { kind: string | null; width: number; height: number };
  vin: ReadValue;
  buyerIdNumber: ReadValue;
  buyerName: ReadValue;
}

/** Businesses of resident-ID owners in a period, and the non-Shanghai IDs among them (T9). */
export interface ShareCounts {
  total: number;
  nonLocal: number;
}
/** A department's or dealer's recent share of non-Shanghai IDs against its own earlier history (T9). */
export interface SubjectShare {
  subject: 'department' | 'dealer';
  label: string;
  recent: ShareCounts;
  baseline: ShareCounts;
}

/**
 * What an issuer (the officer within the department, or the department among departments of its level) issued in the
 * X7 window, against the counts of each of its peers that issued in it (the issuer itself not among them).
 */
export interface IssuerLoad {
  subject: 'officer' | 'department';
  label: string;
  count: number;
  peers: number[];
}

/** The parameter values a rule reads (T26), resolved once per evaluation. */
export interface RuleParams {
  maxIssuesPerVin: number;
  issueWindowDays: number;
  chainGapDays: number;
  chainLength: number;
  workingHours: { start: string; end: string };
  minConfidence: number;
  /** T8: the shorter side of an invoice image in pixels below which it is too small to check. */
  minInvoiceSide: number;
  /** T8: sharpness (Laplacian deviation) and contrast (grey deviation) below which the invoice image is blurred or faded. */
  minSharpness: number;
  minContrast: number;
  /** T8: share (%) of a side's outermost strip that may be content before the image counts as cut off there. */
  maxEdgeContent: number;
  /** T10: earlier Shanghai businesses of a non-Shanghai ID holder, within the T1 window, that count as local use. */
  localUseMinBusinesses: number;
  /** T10: a Shanghai landline as the contact phone counts as local use (off by default: it may be the agent's). */
  landlineAsLocalUse: boolean;
  /** T10: prefixes of Shanghai mobile numbers (号段, 3–7 digits): a mobile contact phone starting with one is local use. */
  localMobileSegments: string[];
  /** T10: tickets on the plate in Shanghai within its validity that count as local use (0: tickets are not counted). */
  localUseMinTickets: number;
  /** X3: the case types that presuppose a vehicle not yet registered. */
  unregisteredCases: string[];
  /** X4: plates of the export case one VIN may have in the T1 window (art.46: one). */
  maxExportIssues: number;
  /** X5: other VINs of one owner ID in the T1 window at or above which the business is flagged. */
  maxVinsPerOwner: number;
  /** X6: days back in which the same proof of origin on another VIN is looked for, and the other VINs that flag. */
  originWindowDays: number;
  minOriginOtherVins: number;
  requiredMaterials: Partial<Record<CaseType, string[]>>;
  /** X2: other owners behind one phone at or above which the business is flagged. */
  maxOwnersPerPhone: number;
  /** X7: the days up to the day of issue over which issuers are counted. */
  issuerWindowDays: number;
  /** X7: plates the issuer must have issued in the window, and peers it needs, before it is compared (minimum sample). */
  issuerMinSample: number;
  issuerMinPeers: number;
  /** X7: the robust z above the peers' median at or above which the issuer is far above them. */
  issuerMinZ: number;
  /** X7: the multiple of the peers' median the issuer must also reach. */
  issuerMinRatio: number;
  /** X9: days after the validity ends before a ticket counts, the days after it that are searched, tickets that flag. */
  ticketGraceDays: number;
  ticketWindowDays: number;
  minTickets: number;
  /** T9: the recent window (days up to the day of issue) and the history before it it is compared with. */
  shareRecentDays: number;
  shareBaselineDays: number;
  /** T9: resident-ID businesses each period needs before the share is tested. */
  shareMinSample: number;
  /** T9: the one-sided z of the two-proportion test at or above which the rise is abnormal. */
  shareMinZ: number;
  /** T9: the rise in percentage points the share must also reach (a significant but tiny rise is not flagged). */
  shareMinRise: number;
}

export interface RuleInput {
  business: BusinessFacts;
  vinHistory: VinHistoryEntry[];
  /** Earlier temporary plates of the same owner ID (blind index) within the T1 window, oldest first (T10). */
  ownerHistory: VinHistoryEntry[];
  /** Other owners (blind indexes) whose businesses gave the same phone within the T1 window (X2); 0 when not needed. */
  phoneOwners: number;
  /** Businesses of other VINs with the same proof-of-origin number in the X6 window, oldest first; empty when not needed. */
  originReuse: VinHistoryEntry[];
  /** The department's and the dealer's share of non-Shanghai IDs (T9); empty when not needed. */
  shares: SubjectShare[];
  /** The business's officer and department against their peers in the X7 window; empty when not needed. */
  issuerLoads: IssuerLoad[];
  /**
   * Tickets (交通执法 decisions and warnings) on the plate, oldest first, over the span its rules need (plate-tickets.ts
   * ticketSpan: the validity for T10, the window after it for X9); empty when not needed.
   */
  plateTickets: PlateTicket[];
  /** The recognition of the invoice image; null when the business has none or it has not been read. */
  invoiceReading: InvoiceReading | null;
  params: RuleParams;
}

export interface RuleHit {
  severity: Severity;
  summary: string;
  evidence: Evidence;
}

/** A warning rule: pure, versioned; `reads` names the parameters it depends on (shown with its warnings). */
export interface Rule {
  code: RuleCode;
  /** Raised when the rule's logic changes: a warning records the version that raised it. */
  version: number;
  reads: (keyof RuleParams)[];
  /** Needs other businesses than the one evaluated (re-run by the scheduled batch). */
  history: boolean;
  evaluate(input: RuleInput): RuleHit | null;
}

/** Evidence with defaults for the parts a rule does not use. */
export function evidence(e: Partial<Evidence> & Pick<Evidence, 'compared'>): Evidence {
  return { threshold: null, window: null, related: [], images: [], note: null, ...e };
}
