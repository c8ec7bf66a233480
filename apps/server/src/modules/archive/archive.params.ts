import { defineParam } from '../../platform/params/param-definition.ts';

const m = 'archive';

/** [A] thresholds of the archive: parameters, never constants. */
export const archiveParams = {
  warnAfterHours: defineParam.duration({
    key: 'archive.warning.afterHours',
    module: m,
    label: '影像未采集齐全预警时限',
    description: '业务受理后超过此时间仍缺少必需材料的，列入未采集齐全预警（0 表示受理后即列入）',
    defaultValue: 24,
    min: 0,
    max: 720,
    unit: 'hours',
  }),
  blankStdev: defineParam.number({
    key: 'archive.check.blankStdev',
    module: m,
    label: '空白页判定阈值',
    description: '页面灰度标准差低于此值视为空白页（0–255；纸张纹理约 3–5，有文字的页面通常大于 20）',
    defaultValue: 6,
    min: 1,
    max: 40,
  }),
  blurVariance: defineParam.number({
    key: 'archive.check.blurVariance',
    module: m,
    label: '模糊判定阈值',
    description: '页面拉普拉斯方差低于此值视为模糊（越大越严格），可由采集人确认后仍然采用',
    defaultValue: 30,
    min: 1,
    max: 2000,
  }),
  retentionYears: defineParam.number({
    key: 'archive.retention.years',
    module: m,
    label: '影像档案保存期限',
    description: '业务受理后影像档案至少保存的年数；到期后只标记“已到保存期限”，系统不自动删除，处置另行审批；设有法律保全的一律保留',
    defaultValue: 30,
    min: 1,
    max: 100,
    unit: '年',
  }),
  pdfDpi: defineParam.number({
    key: 'archive.pdf.dpi',
    module: m,
    label: 'PDF 拆页分辨率',
    description: '上传的 PDF 每页按此分辨率（DPI）转为图像页存档',
    defaultValue: 200,
    min: 100,
    max: 400,
  }),
  pdfMaxPages: defineParam.number({
    key: 'archive.pdf.maxPages',
    module: m,
    label: 'PDF 单次最多页数',
    description: '一次上传的 PDF 最多页数，超过的须分册上传',
    defaultValue: 50,
    min: 1,
    max: 200,
  }),
  thumbQuality: defineParam.number({
    key: 'archive.rendition.thumbQuality',
    module: m,
    label: '缩略图压缩质量',
    description: '缩略图（宽 240 像素）JPEG 质量',
    defaultValue: 70,
    min: 30,
    max: 95,
  }),
  displayQuality: defineParam.number({
    key: 'archive.rendition.displayQuality',
    module: m,
    label: '显示图压缩质量',
    description: '显示图（长边 1600 像素）JPEG 质量',
    defaultValue: 80,
    min: 30,
    max: 95,
  }),
};
export type ArchiveParams = typeof archiveParams;
