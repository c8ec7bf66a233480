/**
 * Capture regimes: parameter sets of one way of taking the picture. The evaluation holds out whole regimes (one per
 * class), so the test measures images taken in a way the model never saw. Ranges are drawn uniformly per image.
 * Sizes are in pixels of the final photo; blur is a Gaussian σ there.
 */
export type CaptureClass = 'bona' | 'screen' | 'print';
type Range = [number, number];

export interface Regime {
  id: string;
  cls: CaptureClass;
  label: string;
  /** Width of the photo. */
  width: Range;
  /** Share of the photo's width the document covers. */
  fill: Range;
  /** Largest corner displacement as a share of the document size (a photo taken at an angle). */
  perspective: number;
  /** Largest in-plane rotation, degrees. */
  rotate: number;
  blur: Range;
  /** Sensor noise standard deviation (8-bit units). */
  noise: Range;
  quality: Range;
  exposure: Range;
  /** Probability of a specular glare spot. */
  glare: number;
  /** Camera white balance error towards warm (+) or cool (−). */
  cast: Range;
  screen?: { pitch: Range; gamma: Range; black: Range; blue: Range };
  print?: { cell: Range; greyOnly: boolean; paper: Range };
}

const base = { width: [600, 760] as Range, fill: [0.78, 0.92] as Range, rotate: 3, cast: [-0.03, 0.03] as Range };

export const REGIMES: Regime[] = [
  {
    ...base,
    id: 'bona-daylight',
    cls: 'bona',
    label: '手机拍原件（日光）',
    perspective: 0.06,
    blur: [0.3, 0.7],
    noise: [1, 3],
    quality: [85, 95],
    exposure: [0.95, 1.1],
    glare: 0.15,
  },
  {
    ...base,
    id: 'bona-indoor',
    cls: 'bona',
    label: '手机拍原件（室内灯光，偏暖）',
    perspective: 0.1,
    blur: [0.6, 1.1],
    noise: [3, 6],
    quality: [75, 88],
    exposure: [0.8, 1.0],
    glare: 0.25,
    cast: [0.02, 0.07],
  },
  {
    ...base,
    id: 'bona-scanner',
    cls: 'bona',
    label: '高拍仪/扫描原件',
    perspective: 0,
    rotate: 1,
    blur: [0.3, 0.6],
    noise: [0.5, 1.5],
    quality: [88, 95],
    exposure: [1.0, 1.12],
    glare: 0,
  },
  {
    ...base,
    id: 'bona-dim',
    cls: 'bona',
    label: '手持拍原件（暗光、抖动）',
    perspective: 0.12,
    blur: [1.0, 1.6],
    noise: [4, 8],
    quality: [65, 80],
    exposure: [0.6, 0.85],
    glare: 0.1,
  },

  {
    ...base,
    id: 'screen-monitor',
    cls: 'screen',
    label: '翻拍电脑显示器',
    perspective: 0.05,
    blur: [0.4, 0.8],
    noise: [2, 4],
    quality: [80, 92],
    exposure: [0.9, 1.05],
    glare: 0.1,
    screen: { pitch: [0.6, 1.1], gamma: [2.0, 2.4], black: [0.02, 0.05], blue: [0.02, 0.08] },
  },
  {
    ...base,
    id: 'screen-phone',
    cls: 'screen',
    label: '翻拍手机屏幕（近距离）',
    perspective: 0.08,
    rotate: 8,
    blur: [0.5, 0.9],
    noise: [2, 5],
    quality: [75, 90],
    exposure: [0.85, 1.05],
    glare: 0.35,
    screen: { pitch: [1.1, 2.0], gamma: [2.2, 2.6], black: [0.01, 0.03], blue: [0.0, 0.06] },
  },
  {
    ...base,
    id: 'screen-laptop',
    cls: 'screen',
    label: '斜拍笔记本屏幕',
    perspective: 0.15,
    rotate: 12,
    blur: [0.7, 1.2],
    noise: [3, 6],
    quality: [70, 85],
    exposure: [0.8, 1.0],
    glare: 0.2,
    screen: { pitch: [0.7, 1.4], gamma: [1.8, 2.3], black: [0.04, 0.08], blue: [0.03, 0.1] },
  },
  {
    ...base,
    id: 'screen-defocus',
    cls: 'screen',
    label: '翻拍显示器（失焦）',
    perspective: 0.06,
    blur: [1.1, 1.7],
    noise: [2, 5],
    quality: [75, 90],
    exposure: [0.9, 1.05],
    glare: 0.1,
    screen: { pitch: [0.5, 0.9], gamma: [2.0, 2.4], black: [0.02, 0.06], blue: [0.02, 0.08] },
  },

  {
    ...base,
    id: 'print-laser',
    cls: 'print',
    label: '彩色激光打印件',
    perspective: 0.06,
    blur: [0.4, 0.8],
    noise: [1, 3],
    quality: [80, 92],
    exposure: [0.95, 1.1],
    glare: 0.05,
    print: { cell: [1.4, 2.2], greyOnly: false, paper: [0.9, 0.97] },
  },
  {
    ...base,
    id: 'print-inkjet',
    cls: 'print',
    label: '喷墨打印件（粗网点）',
    perspective: 0.08,
    blur: [0.5, 0.9],
    noise: [2, 4],
    quality: [80, 90],
    exposure: [0.9, 1.05],
    glare: 0.05,
    print: { cell: [2.4, 3.6], greyOnly: false, paper: [0.86, 0.94] },
  },
  {
    ...base,
    id: 'print-copier',
    cls: 'print',
    label: '黑白复印件',
    perspective: 0.05,
    blur: [0.6, 1.1],
    noise: [3, 5],
    quality: [70, 85],
    exposure: [0.9, 1.05],
    glare: 0,
    print: { cell: [1.2, 2.0], greyOnly: true, paper: [0.85, 0.93] },
  },
  {
    ...base,
    id: 'print-handheld',
    cls: 'print',
    label: '手持拍打印件（暗光）',
    perspective: 0.12,
    blur: [0.9, 1.4],
    noise: [4, 7],
    quality: [65, 80],
    exposure: [0.65, 0.9],
    glare: 0.1,
    print: { cell: [1.6, 3.0], greyOnly: false, paper: [0.88, 0.96] },
  },
];

/** Held out of training, one per class: the evaluation's test regimes. */
export const TEST_REGIMES = ['bona-indoor', 'screen-laptop', 'print-inkjet'];
