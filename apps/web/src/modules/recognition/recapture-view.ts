import { RECAPTURE_DECISION_LABELS, type RecaptureDecision, type RecaptureDocType, type RecaptureResponse } from '@shtp/core/recognition';

/** The note the evaluation report asks for: the model has seen synthetic captures only. */
export const RECAPTURE_NOTE = '模型由合成数据训练，结果仅供参考';

/** What one image's recapture check has come to. */
export type RecaptureState =
  | { status: 'pending' }
  | { status: 'not-applicable'; typeLabel: string }
  | { status: 'done'; result: RecaptureResponse }
  | { status: 'failed'; message: string };

export { recaptureTypeOfClassified } from '@shtp/core/recognition';

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
