import type { Readable } from 'node:stream';
import { DEVICE_CAPABILITY_LABELS, DEVICE_STATUS_LABELS, type Device } from '@shtp/core/platform';
import { beijingTime, type XlsxColumn, xlsxStream } from '../export/xlsx-stream.ts';

const DEVICE_COLUMNS: XlsxColumn<Device>[] = [
  { header: '终端编号', width: 18, cell: (d) => d.code },
  { header: '终端名称', width: 20, cell: (d) => d.name },
  { header: '所属部门', width: 26, cell: (d) => d.departmentName },
  { header: '终端类型', width: 20, cell: (d) => d.capabilities.map((c) => DEVICE_CAPABILITY_LABELS[c]).join('、') },
  { header: '状态', width: 8, cell: (d) => DEVICE_STATUS_LABELS[d.status] },
  // The key's fingerprint only, as the console shows it (the key itself is not needed to compare with the device).
  { header: '公钥指纹', width: 20, cell: (d) => d.fingerprint },
  { header: '客户端版本', width: 12, cell: (d) => d.appVersion ?? '' },
  { header: '最后通信', width: 20, cell: (d) => beijingTime(d.lastSeenAt) },
  { header: '登记人', width: 12, cell: (d) => d.createdBy ?? '' },
  { header: '登记时间', width: 20, cell: (d) => beijingTime(d.createdAt) },
];

/** 终端管理's devices as an .xlsx stream. */
export const devicesWorkbookStream = (rows: AsyncIterable<Device>): Readable => xlsxStream('终端', DEVICE_COLUMNS, rows);
