import type { Readable } from 'node:stream';
import { PAYMENT_STATES, type PaymentState } from '@shtp/core/payments';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../platform/export/xlsx-stream.ts';
import type { PaymentRow } from './payments.repository.ts';

const yuan = (fen: number) => fen / 100;

// An order carries no personal data (the mobile number for the notice is kept encrypted and never exported).
const ORDER_COLUMNS: XlsxColumn<PaymentRow>[] = [
  { header: '处罚决定书编号', width: 22, cell: (o) => o.decisionNo },
  { header: '商户订单号', width: 26, cell: (o) => o.merchantOrderNo },
  { header: '罚款（元）', width: 10, cell: (o) => yuan(o.fineFen) },
  { header: '加处罚款（元）', width: 12, cell: (o) => yuan(o.lateFeeFen) },
  { header: '应缴（元）', width: 10, cell: (o) => yuan(o.amountFen) },
  { header: '已退（元）', width: 10, cell: (o) => yuan(o.refundedFen) },
  { header: '状态', width: 12, cell: (o) => PAYMENT_STATES[o.state as PaymentState] ?? o.state },
  { header: '下单时间', width: 20, cell: (o) => beijingTime(o.createdAt) },
  { header: '到账时间', width: 20, cell: (o) => beijingTime(o.paidAt) },
];

/** 缴款订单's list as an .xlsx stream. */
export const ordersWorkbookStream = (rows: AsyncIterable<PaymentRow>): Readable => xlsxStream('缴款订单', ORDER_COLUMNS, rows);
