import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AuditRow } from './audit.repository.ts';

const RESULT_LABELS: Record<string, string> = { success: '成功', failure: '失败' };

/** Hard cap of one export; narrow the filters for more. */
export const EXPORT_MAX_ROWS = 200_000;

/**
 * Writes audit rows to an .xlsx stream as they arrive (exceljs streaming writer), so an export of
 * many rows never holds the workbook in memory.
 */
export function auditWorkbookStream(rows: AsyncIterable<AuditRow>, actionLabel: (code: string) => string): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('审计日志');
  sheet.columns = [
    { header: '序号', key: 'id', width: 10 },
    { header: '时间', key: 'ts', width: 20 },
    { header: '用户', key: 'username', width: 14 },
    { header: '部门', key: 'departmentName', width: 26 },
    { header: '来源地址', key: 'ip', width: 16 },
    { header: '操作', key: 'action', width: 18 },
    { header: '对象类型', key: 'targetType', width: 12 },
    { header: '对象', key: 'targetId', width: 14 },
    { header: '结果', key: 'result', width: 8 },
    { header: '原因', key: 'reason', width: 30 },
    { header: '错误码', key: 'errorCode', width: 16 },
    { header: '详情', key: 'details', width: 50 },
    { header: '请求号', key: 'requestId', width: 38 },
    { header: '角色', key: 'roles', width: 18 },
    { header: '客户端', key: 'userAgent', width: 30 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    let n = 0;
    for await (const r of rows) {
      if (++n > EXPORT_MAX_ROWS) break;
      sheet
        .addRow({
          id: r.id,
          ts: r.ts.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
          username: r.username ?? '',
          roles: r.roles ?? '',
          departmentName: r.departmentName ?? '',
          ip: r.ip,
          userAgent: r.userAgent ?? '',
          action: actionLabel(r.action),
          targetType: r.targetType ?? '',
          targetId: r.targetId ?? '',
          result: RESULT_LABELS[r.result] ?? r.result,
          reason: r.reason ?? '',
          errorCode: r.errorCode ?? '',
          details: r.details ? JSON.stringify(r.details) : '',
          requestId: r.requestId ?? '',
        })
        .commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
