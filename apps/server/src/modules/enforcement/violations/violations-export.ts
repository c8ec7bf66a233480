import type { Readable } from 'node:stream';
import { VIOLATION_KINDS, type Violation } from '@shtp/core/enforcement';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../../platform/export/xlsx-stream.ts';

const VIOLATION_COLUMNS: XlsxColumn<Violation>[] = [
  { header: '编号', width: 22, cell: (v) => v.decisionNo },
  { header: '类别', width: 18, cell: (v) => VIOLATION_KINDS[v.kind] },
  { header: '违法代码', width: 10, cell: (v) => v.code },
  { header: '违法行为', width: 36, cell: (v) => v.codeName },
  { header: '交通方式', width: 18, cell: (v) => v.trafficModeName },
  // Masked as in the list (the view masks them).
  { header: '当事人', width: 10, cell: (v) => v.partyName },
  { header: '身份证明号码', width: 20, cell: (v) => v.partyIdNumber },
  { header: '号牌号码', width: 12, cell: (v) => v.plate ?? '' },
  { header: '违法地点', width: 30, cell: (v) => v.place },
  { header: '违法时间', width: 20, cell: (v) => beijingTime(v.occurredAt) },
  { header: '罚款（元）', width: 10, cell: (v) => v.fine },
  { header: '现场教育记录号', width: 18, cell: (v) => v.educationRecordNo ?? '' },
  { header: '民警', width: 10, cell: (v) => v.officerName },
  { header: '开具时间', width: 20, cell: (v) => beijingTime(v.createdAt) },
  { header: '缴款时间', width: 20, cell: (v) => beijingTime(v.payment?.paidAt ?? null) },
];

/** 执法记录's 处罚决定书与警告 as an .xlsx stream. */
export const violationsWorkbookStream = (rows: AsyncIterable<Violation>): Readable => xlsxStream('处罚决定书与警告', VIOLATION_COLUMNS, rows);
