import { defineParam } from '../../platform/params/param-definition.ts';
import { recaptureParams } from './recapture/recapture.params.ts';

const m = 'recognition';

/** 图像识别 parameters: input limits, engine queue and timeout, warm-up. The e-bike plate shapes are the e-bike module's. */
export const recognitionParams = {
  maxFileMb: defineParam.number({
    key: 'recognition.image.maxFileMb',
    module: m,
    label: '识别图片大小上限',
    description: '上传图片文件的最大大小，超过即拒绝（413）',
    defaultValue: 8,
    min: 1,
    max: 30,
    unit: 'MB',
  }),
  maxMegapixels: defineParam.number({
    key: 'recognition.image.maxMegapixels',
    module: m,
    label: '识别图片像素上限',
    description: '宽×高的上限（百万像素），在解码前按文件头检查，用于拒绝“解压炸弹”',
    defaultValue: 40,
    min: 1,
    max: 100,
    unit: '百万像素',
  }),
  maxSide: defineParam.number({
    key: 'recognition.image.maxSide',
    module: m,
    label: '识别工作尺寸',
    description: '图片按比例缩小到最长边不超过此值后再识别（越大越慢，小字更清楚）',
    defaultValue: 1600,
    min: 640,
    max: 4096,
    unit: '像素',
  }),
  timeoutSeconds: defineParam.duration({
    key: 'recognition.engine.timeoutSeconds',
    module: m,
    label: '识别超时',
    description: '从排队到返回的最长时间，超时返回 503',
    defaultValue: 20,
    min: 2,
    max: 300,
    unit: 'seconds',
  }),
  maxQueue: defineParam.number({
    key: 'recognition.engine.maxQueue',
    module: m,
    label: '识别排队上限',
    description: '每个服务实例中等待识别的请求数上限，排满后新请求立即返回 503（识别引擎每实例一个，单线程）',
    defaultValue: 8,
    min: 1,
    max: 200,
    unit: '个',
  }),
  warmUp: defineParam.boolean({
    key: 'recognition.engine.warmUp',
    module: m,
    label: '启动时预热识别引擎',
    description: '服务启动后即加载识别模型（约 0.5–3 秒、常驻内存约 300–700 MB）；关闭则在首次识别时加载',
    defaultValue: true,
  }),
  ...recaptureParams,
};

export type RecognitionParams = typeof recognitionParams;
