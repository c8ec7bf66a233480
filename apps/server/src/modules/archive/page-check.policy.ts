import type { PageMeasures } from './page-measure.ts';

export interface PageThresholds {
  blankStdev: number;
  blurVariance: number;
}

export type PageCheckRefusal = { code: 'ARCHIVE_PAGE_BLANK' | 'ARCHIVE_PAGE_BLURRED'; message: string } | null;

/** Whether a captured page is refused: blank always; blurred unless the officer has looked and accepts it. */
export function pageCheckRefusal(m: PageMeasures, t: PageThresholds, acceptDoubtful: boolean): PageCheckRefusal {
  if (m.stdev < t.blankStdev) return { code: 'ARCHIVE_PAGE_BLANK', message: '该页疑似空白页（几乎没有内容），请检查是否放反或漏放材料后重新采集' };
  if (m.sharpness < t.blurVariance && !acceptDoubtful) {
    return { code: 'ARCHIVE_PAGE_BLURRED', message: '该页疑似模糊（对焦不准或抖动），请重新采集；确认清晰可辨的，可勾选“仍然采用”' };
  }
  return null;
}
