import type { Readable } from 'node:stream';
import { PLATE_KINDS, type PlateKindCode, type VehicleSummary } from '@shtp/core/ebike';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../platform/export/xlsx-stream.ts';

const COLUMNS: XlsxColumn<VehicleSummary>[] = [
  { header: '号牌号码', width: 12, cell: (v) => v.plate ?? '（无号牌）' },
  { header: '号牌种类', width: 20, cell: (v) => PLATE_KINDS[v.plateKind as PlateKindCode] ?? v.plateKind },
  { header: '整车编码', width: 18, cell: (v) => v.zcbm },
  { header: '品牌型号', width: 24, cell: (v) => `${v.brand} ${v.model}` },
  { header: '所有人', width: 14, cell: (v) => v.ownerName ?? '' },
  { header: '状态', width: 14, cell: (v) => v.statusLabels.join('、') },
  { header: '登记部门', width: 26, cell: (v) => v.departmentName },
  { header: '注册日期', width: 20, cell: (v) => beijingTime(v.registeredAt) },
];

async function* each<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

/** 单项查询's results as the console shows them (owner masked), as an .xlsx stream. */
export const queryWorkbookStream = (items: readonly VehicleSummary[]): Readable => xlsxStream('车辆查询结果', COLUMNS, each(items));
