import type { Readable } from 'node:stream';
import {
  FIRST_CHECK_RESULTS,
  type FirstCheckResult,
  ORDER_STATES,
  type OrderState,
  RULES,
  type RuleCode,
  SEVERITIES,
  type Severity,
} from '@shtp/core/tempplate';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../../platform/export/xlsx-stream.ts';
import type { ListedWarning } from './work-orders.repository.ts';

const result = (r: ListedWarning) => {
  const code = r.o.finalResult ?? r.o.checkResult;
  return code ? (FIRST_CHECK_RESULTS[code as FirstCheckResult] ?? code) : '';
};

const COLUMNS: XlsxColumn<ListedWarning>[] = [
  { header: '预警编号', width: 10, cell: (r) => r.w.id },
  { header: '规则', width: 34, cell: (r) => `${r.w.rule} ${RULES[r.w.rule as RuleCode] ?? ''}` },
  { header: '等级', width: 6, cell: (r) => SEVERITIES[r.w.severity as Severity] ?? r.w.severity },
  { header: '摘要', width: 60, cell: (r) => r.w.summary },
  { header: '临牌号码', width: 12, cell: (r) => r.plate },
  { header: '车辆识别代号', width: 20, cell: (r) => r.vin },
  { header: '办理部门', width: 22, cell: (r) => r.departmentName },
  { header: '发放时间', width: 20, cell: (r) => beijingTime(r.w.issuedAt) },
  { header: '工单状态', width: 10, cell: (r) => ORDER_STATES[r.o.state as OrderState] ?? r.o.state },
  { header: '超期', width: 6, cell: (r) => (r.overdue ? '是' : '') },
  { header: '结论', width: 10, cell: (r) => result(r) },
  { header: '规则版本', width: 8, cell: (r) => r.w.ruleVersion },
  { header: '参数版本', width: 8, cell: (r) => r.w.paramSetVersion },
];

/** 临牌预警 rows (the drill-down of 临牌异常统计) as an .xlsx stream, written as they are read. */
export const warningsWorkbookStream = (rows: AsyncIterable<ListedWarning>): Readable => xlsxStream('临牌预警', COLUMNS, rows);
