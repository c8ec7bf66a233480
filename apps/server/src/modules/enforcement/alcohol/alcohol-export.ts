import type { Readable } from 'node:stream';
import { type BloodSample, type BreathTest, CUSTODY_STEPS, type CustodyStep, type DeviceReading, type StandardUpload } from '@shtp/core/enforcement';
import { beijingTime, type XlsxColumn, xlsxStream } from '../../../platform/export/xlsx-stream.ts';

/** 按标准上传 as the list's column reads it: the status with its receipt or reason; empty when not sent yet. */
const uploadCell = (u: StandardUpload) => (u ? [u.statusLabel, u.receiptNo ?? u.error].filter(Boolean).join(' ') : '');

const BREATH_TEST_COLUMNS: XlsxColumn<BreathTest>[] = [
  { header: '检测时间', width: 20, cell: (t) => beijingTime(t.testedAt) },
  { header: '测试仪', width: 16, cell: (t) => t.deviceCode },
  { header: '检定日期', width: 12, cell: (t) => t.calibrationDate },
  { header: '呼气（mg/L）', width: 12, cell: (t) => t.bracMgPerL },
  { header: '血液当量（mg/100mL）', width: 14, cell: (t) => t.bacMgPer100mL },
  { header: '结论', width: 10, cell: (t) => t.verdictLabel },
  { header: '须抽血', width: 8, cell: (t) => (t.bloodTestRequired ? '是' : '否') },
  { header: '测试仪数据', width: 10, cell: (t) => t.deviceReadings },
  // Masked as in the list (the view masks them).
  { header: '当事人', width: 10, cell: (t) => t.subjectName },
  { header: '身份证明号码', width: 20, cell: (t) => t.subjectIdNumber },
  { header: '号牌号码', width: 12, cell: (t) => t.plate ?? '' },
  { header: '检测地点', width: 30, cell: (t) => t.place },
  { header: '民警', width: 10, cell: (t) => t.officerName },
  { header: '按标准上传', width: 24, cell: (t) => uploadCell(t.standardUpload) },
];

const BLOOD_SAMPLE_COLUMNS: XlsxColumn<BloodSample>[] = [
  { header: '样本编号', width: 18, cell: (s) => s.sampleNo },
  { header: '抽血机构', width: 24, cell: (s) => s.institution },
  { header: '抽血时间', width: 20, cell: (s) => beijingTime(s.drawnAt) },
  { header: '已完成环节', width: 36, cell: (s) => s.events.map((e) => CUSTODY_STEPS[e.step as CustodyStep] ?? e.step).join('、') },
  { header: '结果（mg/100mL）', width: 14, cell: (s) => s.resultMgPer100mL ?? '' },
  { header: '超期预警', width: 30, cell: (s) => s.overdue.join('；') },
  { header: '按标准上传', width: 24, cell: (s) => uploadCell(s.standardUpload) },
];

const READING_COLUMNS: XlsxColumn<DeviceReading>[] = [
  { header: '测试仪', width: 16, cell: (r) => r.deviceCode },
  { header: '测量时间', width: 20, cell: (r) => beijingTime(r.measuredAt) },
  { header: '呼气（mg/L）', width: 12, cell: (r) => r.bracMgPerL },
  { header: '关联检测', width: 10, cell: (r) => (r.breathTestId ? '已关联' : '未关联') },
  { header: '消息编号', width: 20, cell: (r) => r.messageId },
  { header: '接收时间', width: 20, cell: (r) => beijingTime(r.receivedAt) },
];

/** 执法记录's 呼气酒精检测 as an .xlsx stream. */
export const breathTestsWorkbookStream = (rows: AsyncIterable<BreathTest>): Readable => xlsxStream('呼气酒精检测', BREATH_TEST_COLUMNS, rows);

/** 执法记录's 血液样本 as an .xlsx stream. */
export const bloodSamplesWorkbookStream = (rows: AsyncIterable<BloodSample>): Readable => xlsxStream('血液样本', BLOOD_SAMPLE_COLUMNS, rows);

/** 执法记录's 酒精测试仪数据 (P5) as an .xlsx stream. */
export const readingsWorkbookStream = (rows: AsyncIterable<DeviceReading>): Readable => xlsxStream('酒精测试仪数据', READING_COLUMNS, rows);
