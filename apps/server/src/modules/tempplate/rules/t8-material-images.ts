import { MATERIAL_KINDS, type MaterialKind } from '@shtp/core/tempplate';
import type { EdgeContent } from '../intake/image-quality.ts';
import type { JudgedImage, RuleParams } from './rule.ts';

const SIDES: [keyof EdgeContent, string][] = [
  ['top', '上'],
  ['right', '右'],
  ['bottom', '下'],
  ['left', '左'],
];
const ATTACK = { screen: '屏幕翻拍', print: '打印件翻拍' } as const;
/** The evidence box of a cut side: the side's outer 3 % drawn on the image (its pixels). */
const STRIP = 0.03;

const label = (material: string) => MATERIAL_KINDS[material as MaterialKind] ?? material;

function sideBox(side: keyof EdgeContent, w: number, h: number): [number, number, number, number] {
  const sx = Math.max(4, Math.round(w * STRIP));
  const sy = Math.max(4, Math.round(h * STRIP));
  if (side === 'top') return [0, 0, w, sy];
  if (side === 'bottom') return [0, h - sy, w, h];
  if (side === 'left') return [0, 0, sx, h];
  return [w - sx, 0, w, h];
}

/** What T8 found on the material images beyond the invoice's own checks: the problems, the evidence rows and boxes. */
export interface MaterialFindings {
  problems: string[];
  compared: { item: string; value: string | null; against: string | null }[];
  images: { material: string; box: [number, number, number, number] | null }[];
  recaptured: boolean;
  modelVersions: string[];
}

/**
 * Cropping of every material image (content running into a side's outer strip, from the pixel statistics at intake)
 * and 翻拍 of the materials other than the invoice (the invoice's verdict is T8's own check). An image without the
 * statistics or the verdict (stored before they were kept, or no calibrated type) is not judged on them.
 */
export function materialFindings(images: JudgedImage[], p: Pick<RuleParams, 'maxEdgeContent'>): MaterialFindings {
  const out: MaterialFindings = { problems: [], compared: [], images: [], recaptured: false, modelVersions: [] };
  for (const img of images) {
    const edges = img.quality?.edges;
    const cut = edges ? SIDES.filter(([side]) => edges[side] >= p.maxEdgeContent) : [];
    if (edges && cut.length > 0) {
      out.problems.push(`${label(img.material)}影像边缘被裁切（${cut.map(([, n]) => `${n}侧`).join('、')}）`);
      out.compared.push({
        item: `${label(img.material)}：边缘内容占比（上/右/下/左）`,
        value: SIDES.map(([side]) => `${edges[side]}%`).join(' / '),
        against: `每边 < ${p.maxEdgeContent}%`,
      });
      for (const [side] of cut) out.images.push({ material: img.material, box: img.width && img.height ? sideBox(side, img.width, img.height) : null });
    }
    const r = img.recapture;
    if (img.material !== 'invoice' && r?.decision === 'recapture') {
      out.recaptured = true;
      out.problems.push(`${label(img.material)}疑似${ATTACK[r.attack]}（翻拍分数 ${r.score}，阈值 ${r.threshold}）`);
      out.compared.push({ item: `${label(img.material)}：翻拍分数`, value: String(r.score), against: `< ${r.threshold}` });
      if (r.cues.length > 0) out.compared.push({ item: `${label(img.material)}：翻拍线索`, value: r.cues.join('；'), against: null });
      if (!out.images.some((i) => i.material === img.material)) out.images.push({ material: img.material, box: null });
      if (!out.modelVersions.includes(r.modelVersion)) out.modelVersions.push(r.modelVersion);
    }
  }
  return out;
}
