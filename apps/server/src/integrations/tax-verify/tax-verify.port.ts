/**
 * The tax bureau's invoice verification (发票查验) as a port. A query carries the elements the national verification
 * service asks for — 发票代码 (none on 数电 invoices), 发票号码, 开票日期 and the amount before tax — and the answer says
 * whether the invoice exists, its status (正常 / 作废 / 红冲) and the data on file.
 */

export type InvoiceStatus = '正常' | '作废' | '红冲';

export interface TaxVerifyQuery {
  invoiceCode: string | null;
  invoiceNumber: string;
  /** YYYY-MM-DD */
  issueDate: string;
  /** The amount before tax (不含税金额), yuan with two decimals. */
  amount: string;
}

export interface InvoiceOnFile {
  invoiceCode: string | null;
  invoiceNumber: string;
  issueDate: string;
  netAmount: string;
  taxAmount: string;
  totalAmount: string;
  buyerName: string;
  sellerName: string;
  sellerTaxId: string;
}

export type TaxVerifyAnswer =
  | { outcome: 'found'; status: InvoiceStatus; invoice: InvoiceOnFile }
  /** 查无此票: no invoice with this code and number. */
  | { outcome: 'not-found' }
  /** The invoice exists but the date or amount given differs (查验要素不一致). */
  | { outcome: 'mismatch'; message: string }
  /** No answer (timeout, 5xx, network, not configured): the checks that need it stay unknown. */
  | { outcome: 'unavailable'; reason: string };

export interface TaxVerifyPort {
  /** Where it talks to (for logs and the result): the URL, or why there is none. */
  readonly target: string;
  verify(query: TaxVerifyQuery, opts: { timeoutMs: number }): Promise<TaxVerifyAnswer>;
}
