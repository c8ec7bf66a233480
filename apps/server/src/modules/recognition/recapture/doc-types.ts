import { RECAPTURE_DOC_TYPE_LABELS } from '@shtp/core/recognition';

/** The six document types recapture detection is calibrated for (shared with the console through @shtp/core). */
export { RECAPTURE_DOC_TYPES, type RecaptureDocType } from '@shtp/core/recognition';
export const DOC_TYPE_LABEL = RECAPTURE_DOC_TYPE_LABELS;

/** The classes the model tells apart; an attack is either kind of recapture. */
export const RECAPTURE_CLASSES = ['bona', 'screen', 'print'] as const;
export type RecaptureClass = (typeof RECAPTURE_CLASSES)[number];
