import { PassThrough, type Readable } from 'node:stream';
import { CASE_STATUSES, type CaseStatus, WORKS_TYPES, type WorksType } from '@shtp/core/roadworks';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import ExcelJS from 'exceljs';
import type { CaseRow } from './cases.repository.ts';

export interface PermitExportRow {
  c: CaseRow;
  segments: string[];
}

/** Writes permits to an .xlsx stream as they are read (exceljs streaming writer): no workbook held in memory. */
export function permitsWorkbookStream(rows: AsyncIterable<PermitExportRow>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('施工许可');
  sheet.columns = [
    { header: '办件编号', key: 'caseNo', width: 20 },
    { header: '申请单位', key: 'applicant', width: 28 },
    { header: '施工类型', key: 'worksType', width: 10 },
    { header: '施工路段', key: 'segments', width: 40 },
    { header: '所在区', key: 'district', width: 10 },
    { header: '起始日期', key: 'from', width: 12 },
    { header: '截止日期', key: 'to', width: 12 },
    { header: '占用车道', key: 'lanes', width: 24 },
    { header: '状态', key: 'status', width: 10 },
    { header: '审批意见', key: 'reason', width: 30 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    for await (const { c, segments } of rows) {
      sheet
        .addRow({
          caseNo: c.caseNo,
          applicant: c.applicant,
          worksType: WORKS_TYPES[c.worksType as WorksType] ?? c.worksType,
          segments: segments.join('；'),
          district: c.districtCode ? ((SHANGHAI_DISTRICTS as Record<string, string>)[c.districtCode] ?? c.districtCode) : '',
          from: c.requestedFrom,
          to: c.requestedTo,
          lanes: c.lanes,
          status: CASE_STATUSES[c.status as CaseStatus] ?? c.status,
          reason: c.decisionReason ?? '',
        })
        .commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
