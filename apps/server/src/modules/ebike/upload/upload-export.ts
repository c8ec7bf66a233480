import { PassThrough, type Readable } from 'node:stream';
import { EBIKE_BUSINESS_TYPES, UPLOAD_STATUS, type UploadStatus } from '@shtp/core/ebike';
import ExcelJS from 'exceljs';
import type { UploadListRow } from './upload.repository.ts';

/** Hard cap of one export; narrow the filters for more. */
export const UPLOAD_EXPORT_MAX_ROWS = 200_000;

const local = (d: Date | string | null) => (d === null ? '' : new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }));

/** 上传监控 rows to an .xlsx stream as they arrive (exceljs streaming writer): the workbook is never held in memory. */
export function uploadWorkbookStream(rows: AsyncIterable<UploadListRow>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('六合一上传监控');
  sheet.columns = [
    { header: '流水号', key: 'lsh', width: 16 },
    { header: '业务', key: 'type', width: 12 },
    { header: '号牌号码', key: 'plate', width: 12 },
    { header: '办理部门', key: 'department', width: 24 },
    { header: '办理时间', key: 'createdAt', width: 20 },
    { header: '上传状态', key: 'status', width: 12 },
    { header: '原因', key: 'error', width: 50 },
    { header: '尝试次数', key: 'attempts', width: 10 },
    { header: '六合一回执', key: 'remoteId', width: 18 },
    { header: '受理时间', key: 'uploadedAt', width: 20 },
    { header: '被更正业务', key: 'correctsLsh', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    let n = 0;
    for await (const { b, plate, departmentName, correctsLsh } of rows) {
      if (++n > UPLOAD_EXPORT_MAX_ROWS) break;
      sheet
        .addRow({
          lsh: b.lsh,
          type: EBIKE_BUSINESS_TYPES[b.type as keyof typeof EBIKE_BUSINESS_TYPES] ?? b.type,
          plate: plate ?? '',
          department: departmentName,
          createdAt: local(b.createdAt),
          status: UPLOAD_STATUS[b.uploadStatus as UploadStatus] ?? b.uploadStatus,
          error: b.uploadError ?? '',
          attempts: b.uploadAttempts,
          remoteId: b.uploadRemoteId ?? '',
          uploadedAt: local(b.uploadedAt),
          correctsLsh: correctsLsh ?? '',
        })
        .commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
