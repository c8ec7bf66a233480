/**
 * A person's name as one spelling, for matching by a keyed digest (blind index): half-width (NFKC), no whitespace,
 * and the separator of transliterated names (阿卜杜·热合曼) written one way whatever dot was typed (· • ・ ‧ . ．).
 */
export function normalisePersonName(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[·•・‧.．]/g, '·');
}
