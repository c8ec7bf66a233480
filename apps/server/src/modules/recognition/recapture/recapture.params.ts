import { defineParam, type ParamDefinition } from '../../../platform/params/param-definition.ts';
import { DOC_TYPE_LABEL, RECAPTURE_DOC_TYPES, type RecaptureDocType } from './doc-types.ts';
import { loadModel } from './model.ts';

const m = 'recognition';
/** Defaults are the committed model's calibrated thresholds (BPCER 5 % on its training regimes). */
const calibrated = loadModel().thresholds;

const thresholdParam = (t: RecaptureDocType) =>
  defineParam.number({
    key: `recognition.recapture.threshold.${t}`,
    module: m,
    label: `翻拍判定阈值（${DOC_TYPE_LABEL[t]}）`,
    description: `翻拍分数（0–1）达到此值即判定为翻拍；调低更严（误拒原件增多），调高更松。默认值为模型在合成数据上按原件误拒率 5% 标定的阈值，须用真实样本重新标定`,
    defaultValue: calibrated[t],
    min: 0,
    max: 1,
    integer: false,
  });

/** The threshold of each document type, by type. */
export const recaptureThresholdParams = Object.fromEntries(RECAPTURE_DOC_TYPES.map((t) => [t, thresholdParam(t)])) as Record<
  RecaptureDocType,
  ParamDefinition<number>
>;

export const recaptureUncertainMargin = defineParam.number({
  key: 'recognition.recapture.uncertainMargin',
  module: m,
  label: '翻拍“待人工确认”区间',
  description: '分数低于阈值但差距不超过此值时判为“待人工确认”（uncertain），0 表示不设此区间',
  defaultValue: 0.1,
  min: 0,
  max: 0.5,
  integer: false,
});

/** 翻拍检测 parameters as a flat record, spread into recognitionParams (one threshold per type + the uncertain band). */
export const recaptureParams: Record<string, ParamDefinition<number>> = {
  ...Object.fromEntries(RECAPTURE_DOC_TYPES.map((t) => [`recaptureThreshold.${t}`, recaptureThresholdParams[t]])),
  recaptureUncertainMargin,
};
