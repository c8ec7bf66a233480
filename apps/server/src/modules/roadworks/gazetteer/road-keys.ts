import { normaliseRoadName } from '@shtp/core/roadworks';
import { pinyin } from 'pinyin-pro';

export interface RoadNameKeys {
  /** The normalised comparison key (延安西路 → 延安西). */
  key: string;
  /** Full pinyin without tones or spaces (yananxilu). */
  pinyin: string;
  /** Initials (yaxl). */
  initials: string;
  /** Every two-character piece of the key (延安西 → 延安, 安西), GIN-indexed: a Chinese substring query is a lookup. */
  bigrams: string[];
}

/** The distinct two-character pieces of a key (by code point); a one-character key is its own piece. */
export function bigramsOf(key: string): string[] {
  const chars = [...key];
  if (chars.length < 2) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
}

/** The search columns of one name form; pinyin of the whole name (with 路), so `yaxl` finds 延安西路. */
export function roadNameKeys(name: string): RoadNameKeys {
  const plain = name
    .normalize('NFKC')
    .replace(/[(（【[][^)）】\]]*[)）】\]]?/g, '')
    .replace(/\s+/g, '');
  const syllables = pinyin(plain, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const letters = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const key = normaliseRoadName(name);
  return {
    key,
    bigrams: bigramsOf(key),
    pinyin: letters(syllables.join('')),
    initials: letters(syllables.map((s) => s[0] ?? '').join('')),
  };
}
