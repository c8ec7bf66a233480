import { RECAPTURE_DOC_TYPES } from '@shtp/core/recognition';
import { z } from 'zod';

/** The response schema lives in @shtp/core (api/recognition.ts) so that the console's 翻拍检测 card shares it. */
export { RecaptureResultSchema } from '@shtp/core/recognition';

/** Multipart form of POST /api/recognition/recapture, for the OpenAPI document (the handler reads the parts itself). */
export const RecaptureFormSchema = z.object({
  image: z.string().meta({ format: 'binary' }).describe('证件照片（JPEG、PNG、WebP；按文件头识别类型）'),
  docType: z
    .enum(RECAPTURE_DOC_TYPES)
    .describe(
      '证件类型：id-card 居民身份证、vehicle-invoice 机动车销售统一发票、business-licence 营业执照、tax-registration 统一社会信用代码证书/税务登记证、import-certificate 货物进口证明书、residence-permit 居住证',
    ),
});
