import { z } from 'zod';
import { PLATE_KIND_LABELS, type PlateKind } from '../validators/plate.ts';

/**
 * Response schemas of /api/recognition (图像识别): serialisation and OpenAPI on the server, types for the console's
 * 识别工作台. Every recognised field is a fact with a value, a 0–1 confidence and its provenance; every verification is
 * a check with pass / fail / unknown and a Chinese message.
 */

const Quad = z.array(z.tuple([z.number(), z.number()])).describe('四个角点（左上起顺时针），原图像素坐标');

export const RecognitionProvenanceSchema = z
  .object({
    lines: z.array(z.number().int()).describe('来源文本行在 lines 中的下标'),
    text: z.string().describe('来源文本行的原始识别文字'),
    box: Quad,
  })
  .describe('识别来源');

export const recognitionFieldOf = <T extends z.ZodType>(value: T) =>
  z.object({
    value: value.nullable().describe('识别值，未识别到为 null'),
    confidence: z.number().describe('置信度 0–1'),
    source: RecognitionProvenanceSchema.nullable(),
  });
const TextField = recognitionFieldOf(z.string());

export const CHECK_RESULTS = ['pass', 'fail', 'unknown'] as const;
export const CHECK_RESULT_LABELS: Record<(typeof CHECK_RESULTS)[number], string> = { pass: '通过', fail: '不通过', unknown: '未知' };

export const RecognitionCheckSchema = z.object({
  code: z.string().describe('检查项代码，如 id.checkDigit'),
  name: z.string(),
  result: z.enum(CHECK_RESULTS),
  message: z.string(),
});
export type RecognitionCheck = z.infer<typeof RecognitionCheckSchema>;

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

export const RecognitionMetaShape = {
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

/** The plate kinds of the core validators (one definition of plate shapes for forms and OCR alike). */
const PlateType = z.enum(Object.keys(PLATE_KIND_LABELS) as [PlateKind, ...PlateKind[]]);
const PlateColour = z.enum(['blue', 'green', 'yellow', 'white', 'black', 'unknown']);

export const PlateResultSchema = z.object({
  plate: z.string().nullable().describe('号牌号码（已规范化：去分隔符、全角转半角），未识别到为 null'),
  type: PlateType.nullable(),
  typeLabel: z.string().nullable(),
  confidence: z.number(),
  colour: PlateColour.nullable().describe('号牌底色（按框内平均颜色估计）'),
  box: Quad.nullable(),
  source: RecognitionProvenanceSchema.nullable(),
  candidates: z.array(
    z.object({
      plate: z.string(),
      types: z.array(PlateType),
      type: PlateType,
      confidence: z.number(),
      colour: PlateColour,
      source: RecognitionProvenanceSchema,
    }),
  ),
  rejected: z.array(z.object({ text: z.string(), source: RecognitionProvenanceSchema })).describe('形似号牌但不符合任何号牌格式的文字'),
  ...RecognitionMetaShape,
});

const IdNumberField = recognitionFieldOf(z.string()).extend({ facts: IdFactsSchema.nullable() });

export const IdNumberResultSchema = z.object({
  idNumber: IdNumberField,
  checks: z.array(RecognitionCheckSchema),
  candidates: z.array(z.object({ value: z.string(), confidence: z.number(), facts: IdFactsSchema, source: RecognitionProvenanceSchema })),
  ...RecognitionMetaShape,
});

const IdCardFront = z.object({
  name: TextField,
  sex: recognitionFieldOf(z.enum(['男', '女'])),
  ethnicity: TextField,
  birthDate: TextField.describe('YYYY-MM-DD'),
  address: TextField,
  idNumber: IdNumberField,
});
const IdCardBack = z.object({
  authority: TextField,
  validFrom: TextField.describe('YYYY-MM-DD'),
  validTo: TextField.describe('YYYY-MM-DD 或 长期'),
});
const IdCardReading = z.object({
  side: z.enum(['front', 'back']).nullable(),
  front: IdCardFront.nullable(),
  back: IdCardBack.nullable(),
  checks: z.array(RecognitionCheckSchema),
});

export const IdCardResultSchema = IdCardReading.extend(RecognitionMetaShape);

export const RecognitionEngineStatusSchema = z.object({
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

// ——— Phase 2: invoices, licences, import certificates, residence permits, classification, T21 ———

/** One text field per label of a document (in the labels' order); `describe` gives some of them their format. */
const fieldsOf = <K extends string>(labels: Readonly<Record<K, string>>, describe: Partial<Record<K, string>> = {}) => {
  const field = (k: K) => (describe[k] ? TextField.describe(describe[k]) : TextField);
  return z.object(Object.fromEntries((Object.keys(labels) as K[]).map((k) => [k, field(k)])) as Record<K, typeof TextField>);
};
/** A document read by its labels: its fields and the checks made on them. */
const labelledReading = <K extends string>(labels: Readonly<Record<K, string>>, describe: Partial<Record<K, string>> = {}) =>
  z.object({ fields: fieldsOf(labels, describe), checks: z.array(RecognitionCheckSchema) });

export const INVOICE_FIELD_LABELS = {
  invoiceCode: '发票代码',
  invoiceNumber: '发票号码',
  issueDate: '开票日期',
  buyerName: '购买方名称',
  buyerId: '购买方身份证号码/统一社会信用代码',
  vehicleType: '车辆类型',
  brandModel: '厂牌型号',
  origin: '产地',
  certificateNo: '合格证号',
  engineNo: '发动机号码',
  vin: '车辆识别代号/车架号码',
  totalAmountWords: '价税合计（大写）',
  totalAmount: '价税合计（小写）',
  netAmount: '不含税价',
  taxRate: '增值税税率',
  taxAmount: '增值税税额',
  sellerName: '销售方名称',
  sellerTaxId: '销售方纳税人识别号',
} as const;

const InvoiceFields = fieldsOf(INVOICE_FIELD_LABELS, {
  issueDate: 'YYYY-MM-DD',
  totalAmount: '元，两位小数',
  netAmount: '元，两位小数',
  taxAmount: '元，两位小数',
});

const InvoiceReading = z.object({ kind: z.enum(['motor', 'digital']).nullable(), fields: InvoiceFields, checks: z.array(RecognitionCheckSchema) });

export const InvoiceResultSchema = InvoiceReading.extend({
  kindLabel: z.string().nullable(),
  qr: z
    .object({ found: z.boolean(), content: z.string().nullable().describe('二维码原文'), box: Quad.nullable() })
    .describe('发票二维码（格式：01,类型,发票代码,发票号码,不含税金额,开票日期,校验码,CRC）'),
  verification: z
    .object({
      target: z.string().describe('税务查验服务地址（或未配置的原因）'),
      outcome: z.enum(['found', 'not-found', 'mismatch', 'unavailable', 'not-queried']),
      status: z.enum(['正常', '作废', '红冲']).nullable(),
      message: z.string().nullable(),
    })
    .describe('税务机关发票查验结果'),
  ...RecognitionMetaShape,
}).describe('检查项 checks 含：票面结构与校验码、金额核算、二维码与票面比对、业务数据比对、税务机关查验（无法查验时为 unknown，不判通过）');

export const LICENCE_FIELD_LABELS = {
  uscc: '统一社会信用代码',
  name: '名称',
  type: '类型',
  legalRepresentative: '法定代表人',
  capital: '注册资本',
  established: '成立日期',
  term: '营业期限',
  address: '住所',
  scope: '经营范围',
  authority: '登记机关',
} as const;
const LicenceReading = labelledReading(LICENCE_FIELD_LABELS, { established: 'YYYY-MM-DD' });
export const LicenceResultSchema = LicenceReading.extend(RecognitionMetaShape);

export const IMPORT_FIELD_LABELS = {
  certificateNo: '证明书号',
  consignee: '收货人',
  port: '进口口岸',
  tradeMode: '贸易方式',
  brand: '品牌',
  model: '型号',
  vin: '车辆识别代号',
  engineNo: '发动机号',
  originCountry: '原产国（地区）',
  importDate: '进口日期',
  declarationNo: '报关单号',
} as const;
const ImportReading = labelledReading(IMPORT_FIELD_LABELS, { importDate: 'YYYY-MM-DD' });
export const ImportCertificateResultSchema = ImportReading.extend(RecognitionMetaShape);

export const TAX_REGISTRATION_FIELD_LABELS = {
  taxpayerId: '纳税人识别号',
  name: '纳税人名称',
  legalRepresentative: '法定代表人（负责人）',
  address: '地址',
  registrationType: '登记注册类型',
  scope: '经营范围',
  authority: '发证机关',
  issuedOn: '发证日期',
} as const;
const TaxRegistrationReading = z.object({
  form: z.enum(['pre-2015', 'uscc']).nullable().describe('纳税人识别号的形式：2015 年前 15 位，或三证合一后的统一社会信用代码；未识别为 null'),
  fields: fieldsOf(TAX_REGISTRATION_FIELD_LABELS, { issuedOn: 'YYYY-MM-DD' }),
  checks: z.array(RecognitionCheckSchema),
});

export const USCC_CERTIFICATE_FIELD_LABELS = {
  uscc: '统一社会信用代码',
  name: '机构名称',
  orgType: '机构类型',
  legalRepresentative: '法定代表人（负责人）',
  address: '住所',
  validity: '有效期',
  authority: '颁发单位',
  issuedOn: '发证日期',
} as const;
const UsccCertificateReading = labelledReading(USCC_CERTIFICATE_FIELD_LABELS, { issuedOn: 'YYYY-MM-DD' });

const ResidencePermitReading = z.object({
  fields: z.object({
    name: TextField,
    sex: TextField,
    idNumber: IdNumberField,
    address: TextField,
    authority: TextField,
    validFrom: TextField.describe('YYYY-MM-DD'),
    validTo: TextField.describe('YYYY-MM-DD 或 长期'),
  }),
  checks: z.array(RecognitionCheckSchema),
});

export const RECOGNITION_DOC_TYPES = [
  'id-card-front',
  'id-card-back',
  'motor-invoice',
  'digital-invoice',
  'business-licence',
  'import-certificate',
  'residence-permit',
  'tax-registration',
  'uscc-certificate',
  'other',
] as const;
export const RecognitionDocTypeSchema = z.enum(RECOGNITION_DOC_TYPES);
export type RecognitionDocType = z.infer<typeof RecognitionDocTypeSchema>;

const ClassifiedReadingSchema = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['motor-invoice', 'digital-invoice']), invoice: InvoiceReading }),
  z.object({ type: z.literal('business-licence'), licence: LicenceReading }),
  z.object({ type: z.literal('import-certificate'), importCertificate: ImportReading }),
  z.object({ type: z.literal('residence-permit'), residencePermit: ResidencePermitReading }),
  z.object({ type: z.literal('tax-registration'), taxRegistration: TaxRegistrationReading }),
  z.object({ type: z.literal('uscc-certificate'), usccCertificate: UsccCertificateReading }),
  z.object({ type: z.enum(['id-card-front', 'id-card-back']), idCard: IdCardReading }),
  z.object({ type: z.literal('other') }),
]);

export const ClassifyResultSchema = z.object({
  type: RecognitionDocTypeSchema,
  label: z.string(),
  confidence: z.number().describe('0–1：首选类型领先次选的程度 × 证据量'),
  scores: z.array(z.object({ type: RecognitionDocTypeSchema, score: z.number() })).describe('各类型得分（关键词与版式）'),
  characters: z.number().int().describe('识别出的字符数'),
  reading: ClassifiedReadingSchema.describe('按识别出的类型读取的字段'),
  ...RecognitionMetaShape,
});

export const MaterialsResultSchema = z.object({
  applicable: z.boolean().describe('是否适用 T21（身份证号码非 31 开头）'),
  idArea: z.object({ code: z.string(), shanghai: z.boolean() }).nullable(),
  complete: z.boolean(),
  message: z.string(),
  requirements: z.array(z.string()).describe('系统参数 recognition.t21.requiredMaterials'),
  materials: z.array(
    z.object({
      requirement: z.string(),
      label: z.string(),
      status: z.enum(['present', 'missing', 'unreadable']),
      images: z.array(z.number().int()).describe('满足该项的图片下标（从 0 起）'),
      message: z.string(),
      checks: z.array(RecognitionCheckSchema),
    }),
  ),
  images: z.array(
    z.object({ index: z.number().int(), type: RecognitionDocTypeSchema, label: z.string(), confidence: z.number(), characters: z.number().int() }),
  ),
});
export type MaterialsResult = z.infer<typeof MaterialsResultSchema>;
export type InvoiceResult = z.infer<typeof InvoiceResultSchema>;
export type ClassifyResult = z.infer<typeof ClassifyResultSchema>;
export type LicenceResult = z.infer<typeof LicenceResultSchema>;
export type ImportCertificateResult = z.infer<typeof ImportCertificateResultSchema>;
export type RecognitionField = z.infer<typeof TextField>;
export type PlateResult = z.infer<typeof PlateResultSchema>;
export type IdCardResult = z.infer<typeof IdCardResultSchema>;

/** 翻拍检测: the six document types recapture detection is calibrated for (each has its own threshold parameter). */
export const RECAPTURE_DOC_TYPES = ['id-card', 'vehicle-invoice', 'business-licence', 'tax-registration', 'import-certificate', 'residence-permit'] as const;
export type RecaptureDocType = (typeof RECAPTURE_DOC_TYPES)[number];
export const RECAPTURE_DOC_TYPE_LABELS: Record<RecaptureDocType, string> = {
  'id-card': '居民身份证',
  'vehicle-invoice': '机动车销售统一发票',
  'business-licence': '营业执照',
  'tax-registration': '统一社会信用代码证书/税务登记证',
  'import-certificate': '货物进口证明书',
  'residence-permit': '居住证',
};

/** The classifier's types → the recapture model's types; null where no recapture threshold is calibrated. */
const RECAPTURE_TYPE_OF_CLASSIFIED: Record<RecognitionDocType, RecaptureDocType | null> = {
  'id-card-front': 'id-card',
  'id-card-back': 'id-card',
  'motor-invoice': 'vehicle-invoice',
  'digital-invoice': 'vehicle-invoice',
  'business-licence': 'business-licence',
  'import-certificate': 'import-certificate',
  'residence-permit': 'residence-permit',
  'tax-registration': 'tax-registration',
  // The recapture model's 统一社会信用代码证书/税务登记证 type covers both certificates.
  'uscc-certificate': 'tax-registration',
  other: null,
};

export function recaptureTypeOfClassified(type: RecognitionDocType): RecaptureDocType | null {
  return RECAPTURE_TYPE_OF_CLASSIFIED[type];
}

export const RECAPTURE_DECISIONS = ['original', 'recapture', 'uncertain'] as const;
export type RecaptureDecision = (typeof RECAPTURE_DECISIONS)[number];
export const RECAPTURE_DECISION_LABELS: Record<RecaptureDecision, string> = { original: '原件', recapture: '疑似翻拍', uncertain: '待人工确认' };

export const RECAPTURE_CUES = ['spectrum', 'blur', 'texture', 'colour', 'compression'] as const;
export type RecaptureCue = (typeof RECAPTURE_CUES)[number];
/** The model's features in the order of its weight vector (the server's feature table must list the same names). */
export const RECAPTURE_FEATURE_NAMES = [
  'spectrumPeak',
  'spectrumPeakShare',
  'highFrequency',
  'nativePeak',
  'nativeHighFrequency',
  'spectrumSlope',
  'edgeSharpness',
  'edgeWidth',
  'lbpEntropy',
  'lbpNonUniform',
  'lbpEdges',
  'saturationSpread',
  'clipped',
  'colourCast',
  'blackLevel',
  'blockiness',
] as const;
export type RecaptureFeatureName = (typeof RECAPTURE_FEATURE_NAMES)[number];

const RecaptureDocTypeSchema = z.enum(RECAPTURE_DOC_TYPES);

export const RecaptureResultSchema = z.object({
  docType: RecaptureDocTypeSchema,
  score: z.number().describe('翻拍分数 0–1，越高越可能是翻拍（屏幕或打印件）'),
  decision: z.enum(RECAPTURE_DECISIONS).describe('original 原件；recapture 翻拍；uncertain 接近阈值，待人工确认'),
  threshold: z.number().describe('本次使用的阈值（系统参数 recognition.recapture.threshold.<docType>）'),
  attack: z.enum(['screen', 'print']).describe('更可能的翻拍方式：屏幕翻拍或打印件翻拍'),
  reasons: z
    .array(
      z.object({
        cue: z.enum(RECAPTURE_CUES),
        feature: z.enum(RECAPTURE_FEATURE_NAMES),
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
export type RecaptureResponse = z.infer<typeof RecaptureResultSchema>;

/** Audit actions of the module, named for people (its part of the audit action catalogue). */
export const RECOGNITION_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'recognition.plate': '识别号牌',
  'recognition.id-number': '识别身份证号码',
  'recognition.id-card': '识别身份证',
  'recognition.invoice': '识别购车发票',
  'recognition.licence': '识别行驶证',
  'recognition.import-certificate': '识别进口凭证',
  'recognition.classify': '识别材料类别',
  'recognition.materials': '识别整套材料',
  'recognition.recapture': '翻拍检测',
};
