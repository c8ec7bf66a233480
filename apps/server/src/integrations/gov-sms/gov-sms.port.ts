/**
 * The government-cloud SMS platform (G9), as the common government SMS gateways work: a reviewed template with
 * variables, a registered signature, one batch of numbers per call (up to the gateway's limit), a MAC over the
 * request, and delivery reports fetched afterwards. The interface document is not available: fields are assumptions [A].
 */
export interface SmsBatch {
  /** Ours, unique per batch: the gateway refuses a batch ID it has seen (a retry is never sent twice). */
  batchId: string;
  templateCode: string;
  params: Readonly<Record<string, string>>;
  phones: readonly string[];
}

export interface SmsAccepted {
  messages: { phone: string; msgId: string }[];
}

export interface SmsDeliveryReport {
  msgId: string;
  phone: string;
  status: 'DELIVRD' | 'UNDELIV';
  at: string;
}

/** A refusal of the gateway, with its code; send again only when `retryable`. */
export class SmsError extends Error {
  constructor(
    readonly code: 'MAC_INVALID' | 'TEMPLATE_UNKNOWN' | 'PARAMS_MISMATCH' | 'PHONE_INVALID' | 'BATCH_TOO_LARGE' | 'BATCH_DUPLICATE' | 'UNAVAILABLE',
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export interface GovSmsPort {
  send(batch: SmsBatch): Promise<SmsAccepted>;
  /** Delivery reports not fetched before (the gateway hands each out once). */
  reports(): Promise<SmsDeliveryReport[]>;
}
