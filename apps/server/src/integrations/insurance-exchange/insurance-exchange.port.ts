/**
 * The exchange folder shared with the insurance association (保险行业协会), [A] until its interface document is had:
 * the association drops request files `<name>.req.json` ({ "requestId", "from", "to" }: the registration window,
 * ISO times); we answer with `<name>.dat` (one JSON record per line), `<name>.manifest.json` (count and SM3 of the
 * data file) and then a marker, `<name>.ok` — or `<name>.err` with the reason when the request is unusable.
 */
export interface ExchangeRequest {
  name: string;
  requestId: string;
  from: string;
  to: string;
}

export interface ExchangeManifest {
  requestId: string;
  count: number;
  /** SM3 of the data file, hex. */
  sm3: string;
  producedAt: string;
}

/** The folder or endpoint did not answer: the same files may be sent again. */
export class ExchangeUnavailableError extends Error {}

export interface InsuranceExchangePort {
  /** Request files waiting (those without an ok or err marker). */
  pendingRequests(): Promise<ExchangeRequest[]>;
  /** Writes the data file and its manifest, then the ok marker; a resend replaces the earlier files of the name. */
  sendResponse(name: string, data: Buffer, manifest: ExchangeManifest): Promise<void>;
  /** Writes the err marker of an unusable request. */
  rejectRequest(name: string, reason: string): Promise<void>;
}
