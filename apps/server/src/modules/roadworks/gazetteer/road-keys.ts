import { normaliseRoadName } from '@shtp/core/roadworks';
import { pinyin } from 'pinyin-pro';

export interface RoadNameKeys {
  /** The normalised comparison key (延安西路 → 延安西). */
  key: string;
  /** Full pinyin without tones or spaces (yananxilu). */
  pinyin: string;
  /** Initials (yaxl). */
  initials: string;
}

/** The search columns of one name form; pinyin of the whole name (with 路), so `yaxl` finds 延安西路. */
export function roadNameKeys(name: string): RoadNameKeys {
  const plain = name
    .normalize('NFKC')
    .replace(/[(（【[][^)）】\]]*[)）】\]]?/g, '')
    .replace(/\s+/g, '');
  const syllables = pinyin(plain, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const letters = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return {
    key: normaliseRoadName(name),
    pinyin: letters(syllables.join('')),
    initials: letters(syllables.map((s) => s[0] ?? '').join('')),
  };
}
