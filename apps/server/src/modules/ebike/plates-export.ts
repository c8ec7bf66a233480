import type { Readable } from 'node:stream';
import { PLATE_KINDS, PLATE_STATUS, type PlateKindCode, type PlateStatus } from '@shtp/core/ebike';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../platform/export/xlsx-stream.ts';
import type { PlateExportRow } from './plates.repository.ts';

const COLUMNS: XlsxColumn<PlateExportRow>[] = [
  { header: '号牌号码', width: 12, cell: (r) => r.plate },
  { header: '号牌种类', width: 20, cell: (r) => PLATE_KINDS[r.plateKind as PlateKindCode] ?? r.plateKind },
  { header: '部门', width: 26, cell: (r) => r.departmentName },
  { header: '状态', width: 10, cell: (r) => PLATE_STATUS[r.status as PlateStatus] ?? r.status },
  { header: '冷却至', width: 20, cell: (r) => (r.status === 'cooling' ? beijingTime(r.availableFrom) : '') },
];

/** 号牌管理's pool, number by number, as an .xlsx stream. */
export const platesWorkbookStream = (rows: AsyncIterable<PlateExportRow>): Readable => xlsxStream('号牌库存', COLUMNS, rows);
