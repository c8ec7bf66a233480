import { PLATE_VEHICLES, safeString } from '@shtp/core/validators';
import { z } from 'zod';

/**
 * The response schemas of /api/recognition live in @shtp/core/recognition so that the console shares them;
 * re-exported here under the names the routes use. The multipart form bodies below only document the forms in
 * OpenAPI (the handlers read the parts themselves).
 */
export {
  ClassifyResultSchema,
  IdCardResultSchema,
  IdNumberResultSchema,
  ImportCertificateResultSchema,
  InvoiceResultSchema,
  LicenceResultSchema,
  MaterialsResultSchema,
  PlateResultSchema,
  RecognitionCheckSchema as CheckSchema,
  RecognitionEngineStatusSchema as EngineStatusSchema,
  RecognitionProvenanceSchema as ProvenanceSchema,
} from '@shtp/core/recognition';

const imageField = z.string().meta({ format: 'binary' }).describe('图片文件（JPEG、PNG、WebP；按文件头识别类型）');

export const PlateFormSchema = z.object({
  image: imageField,
  kind: z.enum(PLATE_VEHICLES).optional().describe('只找机动车号牌（motor）、只找电动自行车号牌（ebike）或不限（any，默认）'),
});
/** The handheld's plate photo inside its digital envelope (JSON, so the image is base64). */
const pdaImage = (what: string) =>
  z
    .string({ error: `请拍摄${what}照片` })
    .min(1, `请拍摄${what}照片`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '照片须为 base64 编码的图片')
    .describe('图片文件的 base64（JPEG、PNG、WebP）');
export const PdaPlateBodySchema = z.strictObject({
  image: pdaImage('号牌'),
  kind: z
    .enum(PLATE_VEHICLES, { error: 'kind 须为 any、motor 或 ebike' })
    .optional()
    .describe(PlateFormSchema.shape.kind.description ?? ''),
});
export const PdaIdNumberBodySchema = z.strictObject({ image: pdaImage('身份证号码') });
export const IdNumberFormSchema = z.object({ image: imageField });
export const IdCardFormSchema = z.object({
  image: imageField,
  side: z.enum(['auto', 'front', 'back']).optional().describe('证件面：自动判断（默认）、正面（人像面）、背面（国徽面）'),
});

/** The business data an invoice is cross-checked against (all optional; each given value must be well-formed). */
export const InvoiceBusinessFields = {
  vin: safeString().max(40, '车辆识别代号不能超过 40 个字符').optional().describe('业务登记的车辆识别代号（如临牌申请的车架号），与票面比对'),
  buyerId: safeString().max(40, '购买方证件号码不能超过 40 个字符').optional().describe('申请人身份证号码或统一社会信用代码，与票面购买方比对'),
  buyerName: safeString().max(100, '购买方名称不能超过 100 个字符').optional().describe('申请人姓名或单位名称，与票面购买方名称比对'),
  totalAmount: safeString().max(20, '价税合计不能超过 20 个字符').optional().describe('业务登记的价税合计（元）'),
  invoiceNumber: safeString().max(30, '发票号码不能超过 30 个字符').optional().describe('业务登记的发票号码'),
};
export const InvoiceFormSchema = z.object({ image: imageField, ...InvoiceBusinessFields });
export const DocumentFormSchema = z.object({ image: imageField });
export const MaterialsFormSchema = z.object({
  images: z.array(imageField).describe('同一临牌业务的多张材料图片（字段名 images，可重复）'),
  idNumber: z.string().describe('申请人公民身份号码（18 位）'),
});
