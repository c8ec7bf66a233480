import type { Readable } from 'node:stream';
import { EBIKE_BUSINESS_TYPES, UPLOAD_STATUS, type UploadStatus } from '@shtp/core/ebike';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../../platform/export/xlsx-stream.ts';
import type { UploadListRow } from './upload.repository.ts';

const COLUMNS: XlsxColumn<UploadListRow>[] = [
  { header: '流水号', width: 16, cell: (r) => r.b.lsh },
  { header: '业务', width: 12, cell: (r) => EBIKE_BUSINESS_TYPES[r.b.type as keyof typeof EBIKE_BUSINESS_TYPES] ?? r.b.type },
  { header: '号牌号码', width: 12, cell: (r) => r.plate ?? '' },
  { header: '办理部门', width: 24, cell: (r) => r.departmentName },
  { header: '办理时间', width: 20, cell: (r) => beijingTime(r.b.createdAt) },
  { header: '上传状态', width: 12, cell: (r) => UPLOAD_STATUS[r.b.uploadStatus as UploadStatus] ?? r.b.uploadStatus },
  { header: '原因', width: 50, cell: (r) => r.b.uploadError ?? '' },
  { header: '尝试次数', width: 10, cell: (r) => r.b.uploadAttempts },
  { header: '六合一回执', width: 18, cell: (r) => r.b.uploadRemoteId ?? '' },
  { header: '受理时间', width: 20, cell: (r) => beijingTime(r.b.uploadedAt) },
  { header: '被更正业务', width: 16, cell: (r) => r.correctsLsh ?? '' },
];

/** 上传监控 rows as an .xlsx stream. */
export const uploadWorkbookStream = (rows: AsyncIterable<UploadListRow>): Readable => xlsxStream('六合一上传监控', COLUMNS, rows);
