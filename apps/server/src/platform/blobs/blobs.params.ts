import { defineParam } from '../params/param-definition.ts';

const m = 'blobs';

/** Limits of uploads into the image store; read per upload, so a change applies within the parameters' cache TTL. */
export const blobParams = {
  maxUploadMegabytes: defineParam.number({
    key: 'blobs.upload.maxMegabytes',
    module: m,
    label: '单个上传文件大小上限',
    description: '通过续传接口上传的单个文件（扫描页、照片、PDF）的最大大小',
    defaultValue: 30,
    min: 1,
    max: 64,
    unit: 'MB',
  }),
  maxMegapixels: defineParam.number({
    key: 'blobs.image.maxMegapixels',
    module: m,
    label: '图片像素上限',
    description: '图片宽×高的上限（百万像素），按文件头判断、解码之前拒绝，防止“解压炸弹”；A4 以 600 dpi 扫描约 35 百万像素',
    defaultValue: 50,
    min: 1,
    max: 400,
    unit: '百万像素',
  }),
  unfinishedUploadHours: defineParam.duration({
    key: 'blobs.upload.unfinishedHours',
    module: m,
    label: '未完成上传的保留时间',
    description: '中断后在此时间内可以续传；超过后由清理任务删除已上传的部分',
    defaultValue: 24,
    min: 1,
    max: 168,
    unit: 'hours',
  }),
};
export type BlobParams = typeof blobParams;
