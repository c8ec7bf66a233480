import { foldText, invoiceFieldRule } from './invoice-match.ts';

/** T4 VIN 与发票影像不一致. */
export const t4InvoiceVin = invoiceFieldRule({ code: 'T4', read: 'vin', label: '车辆识别代号', own: (b) => b.vin, normalise: foldText, show: (v) => v });
