import type { Readable } from 'node:stream';
import { CASE_STATUSES, type CaseStatus, WORKS_TYPES, type WorksType } from '@shtp/core/roadworks';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { type XlsxColumn, xlsxStream } from '../../../platform/export/xlsx-stream.ts';
import type { CaseRow } from './cases.repository.ts';

export interface PermitExportRow {
  c: CaseRow;
  segments: string[];
}

const COLUMNS: XlsxColumn<PermitExportRow>[] = [
  { header: '办件编号', width: 20, cell: ({ c }) => c.caseNo },
  { header: '申请单位', width: 28, cell: ({ c }) => c.applicant },
  { header: '施工类型', width: 10, cell: ({ c }) => WORKS_TYPES[c.worksType as WorksType] ?? c.worksType },
  { header: '施工路段', width: 40, cell: ({ segments }) => segments.join('；') },
  {
    header: '所在区',
    width: 10,
    cell: ({ c }) => (c.districtCode ? ((SHANGHAI_DISTRICTS as Record<string, string>)[c.districtCode] ?? c.districtCode) : ''),
  },
  { header: '起始日期', width: 12, cell: ({ c }) => c.requestedFrom },
  { header: '截止日期', width: 12, cell: ({ c }) => c.requestedTo },
  { header: '占用车道', width: 24, cell: ({ c }) => c.lanes },
  { header: '状态', width: 10, cell: ({ c }) => CASE_STATUSES[c.status as CaseStatus] ?? c.status },
  { header: '审批意见', width: 30, cell: ({ c }) => c.decisionReason ?? '' },
];

/** Permits as an .xlsx stream, written as they are read. */
export const permitsWorkbookStream = (rows: AsyncIterable<PermitExportRow>): Readable => xlsxStream('施工许可', COLUMNS, rows);
