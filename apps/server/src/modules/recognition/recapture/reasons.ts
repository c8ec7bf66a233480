import type { RecaptureClass } from './doc-types.ts';
import { type Cue, FEATURES, type FeatureName, type FeatureVector } from './features.ts';
import type { Prediction, RecaptureModel } from './model.ts';

export interface Reason {
  cue: Cue;
  /** The feature that weighed most in this cue, and its raw value. */
  feature: FeatureName;
  value: number;
  /** Log-odds this cue added for the likelier attack kind against an original. */
  weight: number;
  message: string;
}

/** A cue is reported when it adds at least this much log-odds (≈ ×1.65 odds) towards recapture. */
const MIN_WEIGHT = 0.5;

type Attack = Exclude<RecaptureClass, 'bona'>;

const periodic = (a: Attack) => (a === 'screen' ? '检测到屏幕摩尔纹（频谱中有明显周期性峰值）' : '检测到半色调网点（频谱中有明显周期性峰值）');
const grain = (a: Attack) => (a === 'screen' ? '微纹理异常：疑似屏幕像素栅格' : '微纹理异常：疑似印刷网点颗粒');
const BLUR = '边缘模糊，边缘过渡宽度异常（疑似二次成像）';

/** Chinese message per feature when it is above (high) or below (low) its training mean. */
const MESSAGES: Record<FeatureName, { high: (a: Attack) => string; low: (a: Attack) => string }> = {
  spectrumPeak: { high: periodic, low: () => '频谱过于平滑（细节缺失）' },
  spectrumPeakShare: { high: periodic, low: () => '频谱过于平滑（细节缺失）' },
  highFrequency: { high: periodic, low: () => '高频细节缺失（疑似二次成像）' },
  nativePeak: { high: periodic, low: () => '频谱过于平滑（细节缺失）' },
  nativeHighFrequency: { high: periodic, low: () => '高频细节缺失（疑似二次成像）' },
  spectrumSlope: { high: () => '高频能量异常偏高（疑似栅格或网点）', low: () => BLUR },
  edgeSharpness: { high: () => '边缘异常锐利（疑似屏幕像素边缘）', low: () => BLUR },
  edgeWidth: { high: () => BLUR, low: () => '边缘异常锐利（疑似屏幕像素边缘）' },
  lbpEntropy: { high: grain, low: () => '微纹理偏少（疑似二次成像后被平滑）' },
  lbpNonUniform: { high: grain, low: () => '微纹理偏少（疑似二次成像后被平滑）' },
  lbpEdges: { high: grain, low: () => '笔画边缘纹理偏少（疑似二次成像）' },
  saturationSpread: { high: () => '色彩饱和度分布异常（偏高）', low: () => '色彩饱和度偏低（屏幕或打印色域变化）' },
  clipped: { high: () => '高光溢出或反光（屏幕或光面纸反射）', low: () => '缺少高光（整体偏暗）' },
  colourCast: { high: () => '整体偏色（屏幕背光白点或纸张底色）', low: () => '色彩过于中性' },
  blackLevel: { high: () => '黑位抬高（屏幕背光或纸面反射，无纯黑）', low: () => '暗部过深（屏幕边框或暗背景）' },
  blockiness: { high: () => '检测到 JPEG 重复压缩块效应', low: () => '压缩特征异常' },
};

/** Which cues pushed the score towards the likelier attack kind, strongest first. */
export function reasonsOf(model: RecaptureModel, prediction: Prediction, raw: FeatureVector): Reason[] {
  const attack = model.weights[model.classes.indexOf(prediction.attack)] as number[];
  const bona = model.weights[model.classes.indexOf('bona')] as number[];
  const byCue = new Map<Cue, { weight: number; top: FeatureName; topWeight: number; high: boolean }>();
  FEATURES.forEach((f, i) => {
    const c = ((attack[i + 1] as number) - (bona[i + 1] as number)) * (prediction.z[i] as number);
    const cur = byCue.get(f.cue) ?? { weight: 0, top: f.name, topWeight: Number.NEGATIVE_INFINITY, high: true };
    cur.weight += c;
    if (c > cur.topWeight) {
      cur.top = f.name;
      cur.topWeight = c;
      cur.high = (prediction.z[i] as number) >= 0;
    }
    byCue.set(f.cue, cur);
  });
  return [...byCue.entries()]
    .filter(([, v]) => v.weight >= MIN_WEIGHT)
    .sort((a, b) => b[1].weight - a[1].weight)
    .map(([cue, v]) => ({
      cue,
      feature: v.top,
      value: round(raw[v.top]),
      weight: round(v.weight),
      message: MESSAGES[v.top][v.high ? 'high' : 'low'](prediction.attack),
    }));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
