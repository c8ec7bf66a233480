import type { Readable } from 'node:stream';
import { type XlsxColumn, xlsxSheet, xlsxSheetsStream } from '../../platform/export/xlsx-stream.ts';
import { completenessRate } from './completeness.policy.ts';

export interface StatsExportRow {
  day: string;
  departmentName: string;
  officerName: string;
  policeNo: string | null;
  pages: number;
  archivesCompleted: number;
  completionDelaySeconds: number;
}

const averageHours = (r: StatsExportRow) => (r.archivesCompleted === 0 ? '' : Math.round(r.completionDelaySeconds / r.archivesCompleted / 360) / 10);

const COLUMNS: XlsxColumn<StatsExportRow>[] = [
  { header: '日期', width: 12, cell: (r) => r.day },
  { header: '部门', width: 24, cell: (r) => r.departmentName },
  { header: '民警', width: 14, cell: (r) => r.officerName },
  { header: '警号', width: 10, cell: (r) => r.policeNo ?? '' },
  { header: '采集页数', width: 10, cell: (r) => r.pages },
  { header: '采集齐全的业务', width: 14, cell: (r) => r.archivesCompleted },
  { header: '平均采集时长（小时）', width: 18, cell: averageHours },
];

/** Archives opened per opening day and department of the business, and how many of them are complete now. */
export interface CompletenessExportRow {
  day: string;
  departmentName: string;
  opened: number;
  complete: number;
}

const COMPLETENESS_COLUMNS: XlsxColumn<CompletenessExportRow>[] = [
  { header: '打开日期', width: 12, cell: (r) => r.day },
  { header: '受理部门', width: 24, cell: (r) => r.departmentName },
  { header: '打开档案数', width: 12, cell: (r) => r.opened },
  { header: '现已齐全', width: 10, cell: (r) => r.complete },
  { header: '齐全率（%）', width: 12, cell: (r) => completenessRate(r.opened, r.complete) ?? '' },
];

/** 采集统计 (A7) per day, department and officer, then the completeness per day and department: one streamed .xlsx. */
export const statsWorkbookStream = (work: AsyncIterable<StatsExportRow>, completeness: AsyncIterable<CompletenessExportRow>): Readable =>
  xlsxSheetsStream([xlsxSheet('影像采集统计', COLUMNS, work), xlsxSheet('档案齐全率', COMPLETENESS_COLUMNS, completeness)]);
