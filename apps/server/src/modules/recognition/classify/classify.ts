import { RECOGNITION_DOC_TYPES, type RecognitionDocType } from '@shtp/core/recognition';
import { checkTaxpayerId } from '@shtp/core/validators';
import type { OcrLine } from '../engine/types.ts';
import { findIdNumber, findUscc, findVin } from '../parse/identifiers.ts';

/** The document types the classifier tells apart (shared with the console through @shtp/core). */
export const DOC_TYPES = RECOGNITION_DOC_TYPES;
export type DocType = RecognitionDocType;

export const DOC_TYPE_LABEL: Record<DocType, string> = {
  'id-card-front': '居民身份证（人像面）',
  'id-card-back': '居民身份证（国徽面）',
  'motor-invoice': '机动车销售统一发票',
  'digital-invoice': '数电发票（机动车销售统一发票）',
  'business-licence': '营业执照',
  'import-certificate': '货物进口证明书',
  'residence-permit': '居住证',
  'tax-registration': '税务登记证',
  'uscc-certificate': '统一社会信用代码证书',
  other: '其他',
};

/** Keywords (on the text with spaces removed) and their weights; a title counts more than a field label. */
const KEYWORDS: Record<Exclude<DocType, 'other'>, [RegExp, number][]> = {
  'id-card-front': [
    [/公民身份号码/, 2],
    [/姓名/, 1],
    [/性别/, 1],
    [/民族/, 2],
    [/出生/, 2],
    [/住址/, 1],
    [/居住证|居住地址/, -4],
  ],
  'id-card-back': [
    [/居民身份证/, 3],
    [/中华人民共和国/, 1],
    [/签发机关/, 1],
    [/有效期限/, 1],
    [/居住证|公民身份号码/, -4],
  ],
  'motor-invoice': [
    [/机动车销售统一发票/, 3],
    [/发票代码/, 2],
    [/发票号码/, 1],
    [/车辆识别代号|车架号码/, 1],
    [/价税合计/, 1],
    [/合格证号|发动机号码|厂牌型号/, 1],
    [/销货单位/, 1],
    [/电子发票/, -4],
  ],
  'digital-invoice': [
    [/电子发票/, 4],
    [/机动车销售统一发票/, 1],
    [/发票号码/, 1],
    [/购买方信息|销售方信息/, 1],
    [/价税合计/, 1],
    [/车辆识别代号|车架号码/, 1],
    [/发票代码/, -3],
  ],
  'business-licence': [
    [/营业执照/, 4],
    [/统一社会信用代码/, 1],
    [/法定代表人|经营者|负责人/, 1],
    [/注册资本|出资额/, 1],
    [/成立日期|注册日期/, 1],
    [/营业期限|经营期限/, 1],
    [/经营范围/, 1],
    [/登记机关/, 1],
    [/发票|税务登记证|统一社会信用代码证书/, -3],
  ],
  'tax-registration': [
    [/税务登记证/, 5],
    [/纳税人识别号|税字/, 2],
    [/纳税人名称/, 2],
    [/登记注册类型/, 1],
    [/发证机关|发证日期/, 1],
    [/税务局/, 1],
    [/营业执照|发票|统一社会信用代码证书/, -3],
  ],
  'uscc-certificate': [
    [/统一社会信用代码证书/, 6],
    [/机构名称|机构类型/, 2],
    [/法定代表人|负责人/, 1],
    [/有效期/, 1],
    [/颁发单位|登记管理机关|发证机关/, 1],
    [/营业执照|税务登记证|纳税人|发票/, -3],
  ],
  'import-certificate': [
    [/货物进口证明书|进口证明书/, 4],
    [/海关/, 1],
    [/进口口岸/, 1],
    [/贸易方式/, 1],
    [/原产国|原产地/, 1],
    [/报关单/, 1],
    [/发票/, -3],
  ],
  'residence-permit': [
    [/居住证/, 4],
    [/居住地址/, 2],
    [/公民身份号码/, 1],
    [/签发机关/, 1],
    [/有效期限/, 1],
    [/公安局/, 1],
  ],
};

export interface Classification {
  type: DocType;
  label: string;
  /** 0–1: how clearly the top type beats the runner-up, scaled by how much evidence there is. */
  confidence: number;
  scores: { type: DocType; score: number }[];
  /** How much text was read (characters), to tell an unreadable picture from a document of another kind. */
  characters: number;
}

/** Below this score nothing is claimed: the image is `other`. */
const MIN_SCORE = 3;
/** Evidence at which the confidence stops growing with the score. */
const FULL_SCORE = 7;

/**
 * Classifies a document from its OCR text (keywords with weights, negative for the tell-tale words of a look-alike)
 * and layout (an ID-1 card's aspect ratio; identifiers found by shape and check character: an ID number, a VIN, a
 * USCC, a 20-digit invoice number).
 */
export function classifyDocument(lines: OcrLine[], image: { width: number; height: number }): Classification {
  const text = lines.map((l) => l.text).join('\n');
  const flat = text.replace(/\s+/g, '');
  const characters = flat.length;
  const aspect = Math.max(image.width, image.height) / Math.max(1, Math.min(image.width, image.height));
  const card = aspect > 1.4 && aspect < 1.75 && lines.length < 30;
  const id = lines.some((l) => findIdNumber(l.text)?.valid);
  const vin = lines.some((l) => findVin(l.text)?.valid);
  const uscc = lines.some((l) => findUscc(l.text)?.valid);
  const twenty = /(?<!\d)\d{20}(?!\d)/.test(flat);
  const fifteen = lines.some((l) => checkTaxpayerId(l.text.replace(/[^0-9A-Za-z]/g, '')).ok);
  const layout: Partial<Record<DocType, number>> = {
    'id-card-front': (card ? 1 : 0) + (id ? 1 : 0),
    'id-card-back': card ? 1 : 0,
    'residence-permit': (card ? 1 : 0) + (id ? 1 : 0),
    'motor-invoice': (vin ? 1 : 0) + (card ? -2 : 0),
    'digital-invoice': (vin ? 1 : 0) + (twenty ? 2 : 0) + (card ? -2 : 0),
    'business-licence': (uscc ? 1 : 0) + (card ? -1 : 0),
    'tax-registration': (uscc || fifteen ? 1 : 0) + (card ? -1 : 0),
    'uscc-certificate': (uscc ? 1 : 0) + (card ? -1 : 0),
    'import-certificate': (vin ? 1 : 0) + (card ? -2 : 0),
  };
  const scores = (Object.keys(KEYWORDS) as Exclude<DocType, 'other'>[])
    .map((type) => ({
      type: type as DocType,
      score: KEYWORDS[type].reduce((s, [re, w]) => s + (re.test(flat) ? w : 0), 0) + (layout[type] ?? 0),
    }))
    .sort((a, b) => b.score - a.score);
  const [top, second] = scores as [{ type: DocType; score: number }, { type: DocType; score: number }];
  if (top.score < MIN_SCORE) return { type: 'other', label: DOC_TYPE_LABEL.other, confidence: characters > 20 ? 0.6 : 0.3, scores, characters };
  const margin = (top.score - Math.max(0, second.score)) / top.score;
  const confidence = Math.round(Math.min(1, top.score / FULL_SCORE) * (0.5 + 0.5 * margin) * 1000) / 1000;
  return { type: top.type, label: DOC_TYPE_LABEL[top.type], confidence, scores, characters };
}
