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
  /** False when no exchange is configured (production without INSURANCE_EXCHANGE_DIR): every call fails. */
  readonly configured: boolean;
  /** Request files waiting (those without an ok or err marker). */
  pendingRequests(): Promise<ExchangeRequest[]>;
  /**
   * The manifest of a response already complete (its ok marker is there), else null: a crash after the marker but
   * before our record of it must not send the file a second time.
   */
  answered(name: string): Promise<ExchangeManifest | null>;
  /**
   * Streams the data file (a resend replaces the earlier one of the name), then writes the manifest — built by
   * `manifest()` once every chunk is written — and the ok marker last.
   */
  sendResponse(name: string, data: AsyncIterable<Uint8Array>, manifest: () => ExchangeManifest): Promise<void>;
  /** Writes the err marker of an unusable request. */
  rejectRequest(name: string, reason: string): Promise<void>;
}

/** Production without INSURANCE_EXCHANGE_DIR: the reconciliation view still works, every exchange call says why not. */
export class UnconfiguredInsuranceExchange implements InsuranceExchangePort {
  readonly configured = false;
  private fail(): never {
    throw new ExchangeUnavailableError('未配置保险行业协会交换目录（INSURANCE_EXCHANGE_DIR），无法交换');
  }
  pendingRequests = async (): Promise<ExchangeRequest[]> => this.fail();
  answered = async (): Promise<ExchangeManifest | null> => this.fail();
  sendResponse = async (): Promise<void> => this.fail();
  rejectRequest = async (): Promise<void> => this.fail();
}
