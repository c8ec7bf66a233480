import type { Readable } from 'node:stream';
import type { IntakeStatsRow } from '@shtp/core/tempplate';
import { type XlsxColumn, xlsxStream } from '../../../platform/export/xlsx-stream.ts';

const share = (r: IntakeStatsRow) => (r.idCards === 0 ? '' : `${((r.nonLocal / r.idCards) * 100).toFixed(1)}%`);

const COLUMNS: XlsxColumn<IntakeStatsRow>[] = [
  { header: '办理部门', width: 24, cell: (r) => r.departmentName },
  { header: '办理笔数', width: 10, cell: (r) => r.businesses },
  { header: '居民身份证办理', width: 14, cell: (r) => r.idCards },
  { header: '外地身份证办理', width: 14, cell: (r) => r.nonLocal },
  { header: '外地身份证占比', width: 14, cell: share },
];

async function* rowsOf(rows: IntakeStatsRow[]) {
  yield* rows;
}

/** 临牌办理部门统计 (T12) as an .xlsx stream (one row per department: at most a few hundred). */
export const intakeStatsWorkbookStream = (rows: IntakeStatsRow[]): Readable => xlsxStream('临牌办理部门统计', COLUMNS, rowsOf(rows));
