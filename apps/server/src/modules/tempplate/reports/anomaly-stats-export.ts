import type { Readable } from 'node:stream';
import { RULE_CODES, RULES } from '@shtp/core/tempplate';
import { type XlsxColumn, xlsxStream } from '../../../platform/export/xlsx-stream.ts';

/** One rollup row: department × month × rule ('' counts the businesses). */
export interface AnomalyRollupRow {
  departmentId: number;
  departmentName: string;
  month: string;
  rule: string;
  count: number;
}

/** One line of the workbook: a department's month with its businesses and its warnings per rule. */
interface AnomalyLine {
  departmentName: string;
  month: string;
  businesses: number;
  rules: Record<string, number>;
}

const total = (l: AnomalyLine) => Object.values(l.rules).reduce((a, b) => a + b, 0);

const COLUMNS: XlsxColumn<AnomalyLine>[] = [
  { header: '管理部门', width: 24, cell: (l) => l.departmentName },
  { header: '月份', width: 10, cell: (l) => l.month },
  { header: '办理笔数', width: 10, cell: (l) => l.businesses },
  { header: '预警合计', width: 10, cell: total },
  { header: '预警率', width: 10, cell: (l) => (l.businesses === 0 ? '' : `${((total(l) / l.businesses) * 100).toFixed(1)}%`) },
  ...RULE_CODES.map((code): XlsxColumn<AnomalyLine> => ({ header: `${code} ${RULES[code]}`, width: 16, cell: (l) => l.rules[code] ?? 0 })),
];

/** Pivots rows ordered by department and month into one line per department × month, as they come. */
export async function* anomalyLines(rows: Iterable<AnomalyRollupRow>): AsyncGenerator<AnomalyLine> {
  let line: (AnomalyLine & { departmentId: number }) | null = null;
  for (const r of rows) {
    if (!line || line.departmentId !== r.departmentId || line.month !== r.month) {
      if (line) yield line;
      line = { departmentId: r.departmentId, departmentName: r.departmentName, month: r.month, businesses: 0, rules: {} };
    }
    if (r.rule === '') line.businesses += r.count;
    else line.rules[r.rule] = (line.rules[r.rule] ?? 0) + r.count;
  }
  if (line) yield line;
}

/**
 * 临牌异常统计报表 (T11) as an .xlsx stream: one row per department × month, the businesses, the warnings and the
 * warning rate, and one column per rule (the drill-down to the warnings themselves is `/api/tempplate/warnings/export`).
 */
export const anomalyStatsWorkbookStream = (rows: Iterable<AnomalyRollupRow>): Readable => xlsxStream('临牌异常统计', COLUMNS, anomalyLines(rows));
