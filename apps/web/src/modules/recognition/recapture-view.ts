import {
  RECAPTURE_DECISION_LABELS,
  type RecaptureDecision,
  type RecaptureDocType,
  type RecaptureResponse,
  type RecognitionDocType,
} from '@shtp/core/recognition';

/** The note the evaluation report asks for: the model has seen synthetic captures only. */
export const RECAPTURE_NOTE = '模型由合成数据训练，结果仅供参考';

/** What one image's recapture check has come to. */
export type RecaptureState =
  | { status: 'pending' }
  | { status: 'not-applicable'; typeLabel: string }
  | { status: 'done'; result: RecaptureResponse }
  | { status: 'failed'; message: string };

/** The classifier's types → the recapture model's types; null where no recapture threshold is calibrated. */
const BY_CLASSIFIED_TYPE: Record<RecognitionDocType, RecaptureDocType | null> = {
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
  return BY_CLASSIFIED_TYPE[type];
}

/** The readers a user can pick in the single-document panel → the recapture type of what they read. */
export const RECAPTURE_TYPE_OF_READER = {
  'id-card': 'id-card',
  invoice: 'vehicle-invoice',
  licence: 'business-licence',
  'import-certificate': 'import-certificate',
  'tax-registration': 'tax-registration',
  'uscc-certificate': 'tax-registration',
} as const satisfies Record<string, RecaptureDocType>;

export const RECAPTURE_TAG: Record<RecaptureDecision, { color: string; text: string }> = {
  original: { color: 'green', text: RECAPTURE_DECISION_LABELS.original },
  recapture: { color: 'red', text: RECAPTURE_DECISION_LABELS.recapture },
  uncertain: { color: 'orange', text: RECAPTURE_DECISION_LABELS.uncertain },
};

export const ATTACK_LABEL: Record<RecaptureResponse['attack'], string> = { screen: '屏幕翻拍', print: '打印件翻拍' };
