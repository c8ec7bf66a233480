import type { Readable } from 'node:stream';
import type { Detention } from '@shtp/core/enforcement';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../../platform/export/xlsx-stream.ts';

const DETENTION_COLUMNS: XlsxColumn<Detention>[] = [
  { header: '凭证编号', width: 18, cell: (d) => d.voucherNo },
  { header: '扣留事由', width: 30, cell: (d) => d.groundLabel },
  { header: '交通方式', width: 18, cell: (d) => d.trafficModeName },
  { header: '物品描述', width: 30, cell: (d) => d.description },
  { header: '号牌号码', width: 12, cell: (d) => d.plate ?? '' },
  // Masked as in the list (the view masks it).
  { header: '当事人', width: 10, cell: (d) => d.partyName },
  { header: '存放地点', width: 24, cell: (d) => d.storagePlace },
  { header: '扣留时间', width: 20, cell: (d) => beijingTime(d.detainedAt) },
  { header: '放行时间', width: 20, cell: (d) => beijingTime(d.releasedAt) },
  { header: '民警', width: 10, cell: (d) => d.officerName },
];

/** 执法记录's 先予扣留凭证 as an .xlsx stream. */
export const detentionsWorkbookStream = (rows: AsyncIterable<Detention>): Readable => xlsxStream('先予扣留凭证', DETENTION_COLUMNS, rows);
