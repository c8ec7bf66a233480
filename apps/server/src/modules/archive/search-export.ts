import type { Readable } from 'node:stream';
import { APPLICANTS, type Applicant, missingText } from '@shtp/core/archive';
import { EBIKE_BUSINESS_TYPES, type EbikeBusinessType } from '@shtp/core/ebike';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../platform/export/xlsx-stream.ts';
import type { archiveView } from './archive.view.ts';

/** An archive as the search shows it (`archiveView`: plate masked, no owner identifiers). */
type ArchiveListed = ReturnType<typeof archiveView>;

const COLUMNS: XlsxColumn<ArchiveListed>[] = [
  { header: '流水号', width: 16, cell: (a) => a.lsh },
  { header: '业务类型', width: 12, cell: (a) => EBIKE_BUSINESS_TYPES[a.businessType as EbikeBusinessType] ?? a.businessType },
  { header: '办理方式', width: 12, cell: (a) => APPLICANTS[a.applicant as Applicant] ?? a.applicant },
  { header: '号牌号码', width: 12, cell: (a) => a.plate ?? '（无号牌）' },
  { header: '整车编码', width: 20, cell: (a) => a.zcbm },
  { header: '受理部门', width: 24, cell: (a) => a.departmentName ?? '' },
  { header: '受理时间', width: 20, cell: (a) => beijingTime(a.acceptedAt) },
  { header: '材料', width: 40, cell: (a) => (a.complete ? '已齐全' : `缺 ${missingText(a.missing)}`) },
  { header: '齐全时间', width: 20, cell: (a) => beijingTime(a.completedAt) },
  { header: '版本', width: 6, cell: (a) => a.version },
  { header: '法律保全', width: 10, cell: (a) => (a.legalHold ? '保全中' : '') },
  { header: '处置', width: 20, cell: (a) => (a.disposedAt ? `已处置 ${beijingTime(a.disposedAt)}` : a.disposalRequestedAt ? '已申请处置' : '') },
];

async function* viewed<R>(rows: AsyncIterable<R>, view: (r: R) => ArchiveListed): AsyncIterable<ArchiveListed> {
  for await (const r of rows) yield view(r);
}

/** 档案查询's results (A4) as the list shows them, masked, streamed into an .xlsx as they are read. */
export const searchWorkbookStream = <R>(rows: AsyncIterable<R>, view: (r: R) => ArchiveListed): Readable =>
  xlsxStream('影像档案查询结果', COLUMNS, viewed(rows, view));
