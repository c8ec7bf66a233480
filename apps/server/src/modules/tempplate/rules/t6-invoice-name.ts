import { maskName } from '@shtp/core/masking';
import { foldText, invoiceFieldRule } from './invoice-match.ts';

/** T6 所有人名称与发票影像不一致 (brackets of unit names compared folded: （） and () are the same). */
export const t6InvoiceName = invoiceFieldRule({
  code: 'T6',
  read: 'buyerName',
  label: '所有人名称',
  own: (b) => b.ownerName,
  normalise: (v) => foldText(v).replace(/[（]/g, '(').replace(/[）]/g, ')'),
  show: (v) => maskName(v),
});
