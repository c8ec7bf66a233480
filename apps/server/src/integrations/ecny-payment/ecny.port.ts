/**
 * The public payment platform's e-CNY (数字人民币) channel (G10), as the payments module needs it. Amounts are in fen.
 * The notification is the only source of truth for a payment: it is signed by the channel (SM2) and verified here.
 */
export interface EcnyOrderRequest {
  /** Our order number, unique per attempt (the channel refuses a second order with it). */
  merchantOrderNo: string;
  /** 处罚决定书编号, carried for the channel's statement. */
  decisionNo: string;
  amountFen: number;
}

export interface EcnyOrder {
  channelOrderNo: string;
  /** Where the payer opens the e-CNY wallet (URL or QR content). */
  payUrl: string;
}

export type EcnyStatus = 'WAITING' | 'SUCCESS' | 'CLOSED' | 'REFUNDED';

export interface EcnyPaymentResult {
  merchantOrderNo: string;
  channelOrderNo: string;
  status: EcnyStatus;
  amountFen: number;
  paidAt: string | null;
}

/** One line of the channel's daily statement. */
export interface EcnyStatementLine {
  merchantOrderNo: string;
  channelOrderNo: string;
  amountFen: number;
  kind: 'PAY' | 'REFUND';
  /** On a REFUND line: the merchant's refund number given with the refund [A: assumed in the statement]. */
  refundNo?: string;
}

/** A refusal of the channel, with its code (retry only when `retryable`). */
export class EcnyError extends Error {
  constructor(
    readonly code: 'ORDER_EXISTS' | 'ORDER_NOT_FOUND' | 'INVALID_REQUEST' | 'REFUND_EXCEEDS' | 'UNAVAILABLE',
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export interface EcnyPaymentPort {
  createOrder(request: EcnyOrderRequest): Promise<EcnyOrder>;
  query(merchantOrderNo: string): Promise<EcnyPaymentResult>;
  refund(merchantOrderNo: string, refundNo: string, amountFen: number): Promise<{ status: 'REFUNDED' }>;
  statement(day: string): Promise<EcnyStatementLine[]>;
  /** The notification's result if the channel's signature over `body` holds; null otherwise. */
  verifyNotification(body: string, signatureHex: string): EcnyPaymentResult | null;
}
