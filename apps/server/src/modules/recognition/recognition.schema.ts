import { z } from 'zod';

/** Response schemas of /api/recognition (zod: serialisation and OpenAPI). */

const Quad = z.array(z.tuple([z.number(), z.number()])).describe('四个角点（左上起顺时针），原图像素坐标');

export const ProvenanceSchema = z
  .object({
    lines: z.array(z.number().int()).describe('来源文本行在 lines 中的下标'),
    text: z.string().describe('来源文本行的原始识别文字'),
    box: Quad,
  })
  .describe('识别来源');

const fieldOf = <T extends z.ZodType>(value: T) =>
  z.object({
    value: value.nullable().describe('识别值，未识别到为 null'),
    confidence: z.number().describe('置信度 0–1'),
    source: ProvenanceSchema.nullable(),
  });

export const CheckSchema = z.object({
  code: z.string().describe('检查项代码，如 id.checkDigit'),
  name: z.string(),
  result: z.enum(['pass', 'fail', 'unknown']),
  message: z.string(),
});

const IdFactsSchema = z
  .object({
    valid: z.boolean(),
    problem: z.enum(['format', 'date', 'check']).optional(),
    areaCode: z.string().optional(),
    birthDate: z.string().optional(),
    sex: z.enum(['男', '女']).optional(),
    expectedCheck: z.string().optional(),
  })
  .describe('由号码本身得出的信息（GB 11643）');

const MetaShape = {
  lines: z
    .array(
      z.object({
        text: z.string(),
        confidence: z.number(),
        box: Quad,
        whole: z.boolean().optional().describe('整图作为一行的识别'),
        stretch: z.number().optional().describe('横向拉伸后的再识别'),
      }),
    )
    .describe('引擎识别出的全部文本行'),
  image: z.object({ format: z.string(), width: z.number().int(), height: z.number().int() }),
  engine: z.object({ name: z.string(), ms: z.number().describe('识别耗时（毫秒）'), waitedMs: z.number().describe('排队耗时（毫秒）') }),
};

const PlateType = z.enum(['ordinary', 'new-energy-small', 'new-energy-large', 'ebike']);
const PlateColour = z.enum(['blue', 'green', 'yellow', 'white', 'black', 'unknown']);

export const PlateResultSchema = z.object({
  plate: z.string().nullable().describe('号牌号码（已规范化：去分隔符、全角转半角），未识别到为 null'),
  type: PlateType.nullable(),
  typeLabel: z.string().nullable(),
  confidence: z.number(),
  colour: PlateColour.nullable().describe('号牌底色（按框内平均颜色估计）'),
  box: Quad.nullable(),
  source: ProvenanceSchema.nullable(),
  candidates: z.array(
    z.object({ plate: z.string(), types: z.array(PlateType), type: PlateType, confidence: z.number(), colour: PlateColour, source: ProvenanceSchema }),
  ),
  rejected: z.array(z.object({ text: z.string(), source: ProvenanceSchema })).describe('形似号牌但不符合任何号牌格式的文字'),
  ...MetaShape,
});

export const IdNumberResultSchema = z.object({
  idNumber: fieldOf(z.string()).extend({ facts: IdFactsSchema.nullable() }),
  checks: z.array(CheckSchema),
  candidates: z.array(z.object({ value: z.string(), confidence: z.number(), facts: IdFactsSchema, source: ProvenanceSchema })),
  ...MetaShape,
});

export const IdCardResultSchema = z.object({
  side: z.enum(['front', 'back']).nullable(),
  front: z
    .object({
      name: fieldOf(z.string()),
      sex: fieldOf(z.enum(['男', '女'])),
      ethnicity: fieldOf(z.string()),
      birthDate: fieldOf(z.string()).describe('YYYY-MM-DD'),
      address: fieldOf(z.string()),
      idNumber: fieldOf(z.string()).extend({ facts: IdFactsSchema.nullable() }),
    })
    .nullable(),
  back: z
    .object({
      authority: fieldOf(z.string()),
      validFrom: fieldOf(z.string()).describe('YYYY-MM-DD'),
      validTo: fieldOf(z.string()).describe('YYYY-MM-DD 或 长期'),
    })
    .nullable(),
  checks: z.array(CheckSchema),
  ...MetaShape,
});

export const EngineStatusSchema = z.object({
  state: z.enum(['stopped', 'starting', 'ready']),
  queued: z.number().int(),
  busy: z.boolean(),
  coldStartMs: z.number().nullable(),
  processed: z.number().int(),
  failed: z.number().int(),
  timedOut: z.number().int(),
  refused: z.number().int(),
  restarts: z.number().int(),
  rssMb: z.number().describe('本进程常驻内存（MB）'),
});

const imageField = z.string().meta({ format: 'binary' }).describe('图片文件（JPEG、PNG、WebP；按文件头识别类型）');

/** Multipart form bodies, for the OpenAPI document (the handler reads the parts itself). */
export const PlateFormSchema = z.object({
  image: imageField,
  kind: z.enum(['any', 'motor', 'ebike']).optional().describe('只找机动车号牌（motor）、只找电动自行车号牌（ebike）或不限（any，默认）'),
});
export const IdNumberFormSchema = z.object({ image: imageField });
export const IdCardFormSchema = z.object({
  image: imageField,
  side: z.enum(['auto', 'front', 'back']).optional().describe('证件面：自动判断（默认）、正面（人像面）、背面（国徽面）'),
});
