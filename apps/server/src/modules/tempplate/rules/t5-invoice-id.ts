import { maskIdNumber } from '@shtp/core/masking';
import { foldText, invoiceFieldRule } from './invoice-match.ts';

/** T5 身份证明号码与发票影像不一致. */
export const t5InvoiceId = invoiceFieldRule({
  code: 'T5',
  read: 'buyerIdNumber',
  label: '身份证明号码',
  own: (b) => b.ownerIdNumber,
  normalise: foldText,
  show: (v) => maskIdNumber(v),
});
