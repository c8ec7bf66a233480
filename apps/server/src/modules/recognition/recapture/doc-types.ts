/** The six document types recapture detection is calibrated for (each has its own threshold parameter). */
export const RECAPTURE_DOC_TYPES = ['id-card', 'vehicle-invoice', 'business-licence', 'tax-registration', 'import-certificate', 'residence-permit'] as const;
export type RecaptureDocType = (typeof RECAPTURE_DOC_TYPES)[number];

export const DOC_TYPE_LABEL: Record<RecaptureDocType, string> = {
  'id-card': '居民身份证',
  'vehicle-invoice': '机动车销售统一发票',
  'business-licence': '营业执照',
  'tax-registration': '统一社会信用代码证书/税务登记证',
  'import-certificate': '货物进口证明书',
  'residence-permit': '居住证',
};

/** The classes the model tells apart; an attack is either kind of recapture. */
export const RECAPTURE_CLASSES = ['bona', 'screen', 'print'] as const;
export type RecaptureClass = (typeof RECAPTURE_CLASSES)[number];
