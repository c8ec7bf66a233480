/**
 * How a road name is compared (R5): full-width → half-width (NFKC), letters lower-cased, brackets and their content
 * dropped (“延安西路（华山路口）” is 延安西路), spaces and separators dropped, the variant 衖 → 弄, and a trailing
 * 路 / 街 / 大街 / 大道 / 弄 / 公路 dropped so that 延安西, 延安西路 and 延安西街 meet at one key.
 */
export function normaliseRoadName(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【〔{<《][^)\]】〕}>》]*[)\]】〕}>》]?/g, '')
    .replace(/[\s·・.,，、\-—_/]+/g, '')
    .replace(/衖/g, '弄')
    .replace(/(公路|大街|大道|路|街|弄)$/u, '');
}

/** A query typed in Latin letters is looked up by pinyin and initials, never by the Chinese name. */
export const isLatinQuery = (normalised: string): boolean => /^[a-z0-9]+$/.test(normalised);
