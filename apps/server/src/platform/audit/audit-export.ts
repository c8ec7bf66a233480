import type { Readable } from 'node:stream';
import { beijingTime, type XlsxColumn, xlsxStream } from '../export/xlsx-stream.ts';
import type { AuditRow } from './audit.repository.ts';

const RESULT_LABELS: Record<string, string> = { success: '成功', failure: '失败' };

/** The audit log as an .xlsx stream, actions by their Chinese names. */
export function auditWorkbookStream(rows: AsyncIterable<AuditRow>, actionLabel: (code: string) => string): Readable {
  const columns: XlsxColumn<AuditRow>[] = [
    { header: '序号', width: 10, cell: (r) => r.id },
    { header: '时间', width: 20, cell: (r) => beijingTime(r.ts) },
    { header: '用户', width: 14, cell: (r) => r.username ?? '' },
    { header: '部门', width: 26, cell: (r) => r.departmentName ?? '' },
    { header: '来源地址', width: 16, cell: (r) => r.ip },
    { header: '操作', width: 18, cell: (r) => actionLabel(r.action) },
    { header: '对象类型', width: 12, cell: (r) => r.targetType ?? '' },
    { header: '对象', width: 14, cell: (r) => r.targetId ?? '' },
    { header: '结果', width: 8, cell: (r) => RESULT_LABELS[r.result] ?? r.result },
    { header: '原因', width: 30, cell: (r) => r.reason ?? '' },
    { header: '错误码', width: 16, cell: (r) => r.errorCode ?? '' },
    { header: '详情', width: 50, cell: (r) => (r.details ? JSON.stringify(r.details) : '') },
    { header: '请求号', width: 38, cell: (r) => r.requestId ?? '' },
    { header: '角色', width: 18, cell: (r) => r.roles ?? '' },
    { header: '客户端', width: 30, cell: (r) => r.userAgent ?? '' },
  ];
  return xlsxStream('审计日志', columns, rows);
}
