import type { Readable } from 'node:stream';
import { type XlsxColumn, xlsxStream } from '../../platform/export/xlsx-stream.ts';

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

/** 采集统计 (A7) per day, department and officer, as an .xlsx stream. */
export const statsWorkbookStream = (rows: AsyncIterable<StatsExportRow>): Readable => xlsxStream('影像采集统计', COLUMNS, rows);
