import { z } from 'zod';
import { RECAPTURE_DOC_TYPES } from './doc-types.ts';
import { FEATURE_NAMES } from './features.ts';

const DocType = z.enum(RECAPTURE_DOC_TYPES);

/** Multipart form of POST /api/recognition/recapture, for the OpenAPI document (the handler reads the parts itself). */
export const RecaptureFormSchema = z.object({
  image: z.string().meta({ format: 'binary' }).describe('证件照片（JPEG、PNG、WebP；按文件头识别类型）'),
  docType: DocType.describe(
    '证件类型：id-card 居民身份证、vehicle-invoice 机动车销售统一发票、business-licence 营业执照、tax-registration 统一社会信用代码证书/税务登记证、import-certificate 货物进口证明书、residence-permit 居住证',
  ),
});

export const RecaptureResultSchema = z.object({
  docType: DocType,
  score: z.number().describe('翻拍分数 0–1，越高越可能是翻拍（屏幕或打印件）'),
  decision: z.enum(['original', 'recapture', 'uncertain']).describe('original 原件；recapture 翻拍；uncertain 接近阈值，待人工确认'),
  threshold: z.number().describe('本次使用的阈值（系统参数 recognition.recapture.threshold.<docType>）'),
  attack: z.enum(['screen', 'print']).describe('更可能的翻拍方式：屏幕翻拍或打印件翻拍'),
  reasons: z
    .array(
      z.object({
        cue: z.enum(['spectrum', 'blur', 'texture', 'colour', 'compression']),
        feature: z.enum(FEATURE_NAMES as [string, ...string[]]),
        value: z.number(),
        weight: z.number().describe('该线索使分数偏向翻拍的对数几率'),
        message: z.string(),
      }),
    )
    .describe('触发的线索（由强到弱）'),
  modelVersion: z.string(),
  features: z.record(z.string(), z.number()).describe('特征值（供复核与重新标定）'),
  image: z.object({ format: z.string(), width: z.number().int(), height: z.number().int() }),
  ms: z.object({ decode: z.number(), features: z.number() }),
});
