import { PLATE_SEQUENCE_LETTERS, type PlateKind } from '@shtp/core/validators';
import type { Rng } from './prng.ts';

/** The plate kinds of the core validators that the fixtures draw. */
export type PlateType = Extract<PlateKind, 'ordinary' | 'new-energy-small' | 'new-energy-large' | 'ebike'>;

const LETTERS = PLATE_SEQUENCE_LETTERS;
const DIGITS = '0123456789';
const PROVINCES = '沪沪沪沪沪沪苏浙皖京粤鲁豫川鄂湘赣闽';

function take(rng: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick([...alphabet]);
  return s;
}

/** A synthetic plate number of the given type (GA 36-2018 shapes; the e-bike one is DOMAIN.md's assumption). */
export function plateNumber(rng: Rng, type: PlateType): string {
  const province = type === 'ebike' ? '沪' : rng.pick([...PROVINCES]);
  const authority = province === '沪' ? rng.pick([...'ABCDEFGHJKLMN']) : rng.pick([...'ABCDEF']);
  switch (type) {
    case 'ordinary': {
      // Mostly digits, some letters mixed in, never all letters.
      const body = [...take(rng, DIGITS, 5)];
      const letters = rng.int(0, 2);
      for (let i = 0; i < letters; i++) body[rng.int(0, 4)] = rng.pick([...LETTERS]);
      return province + authority + body.join('');
    }
    case 'new-energy-small':
      return province + authority + rng.pick(['D', 'F']) + (rng.chance(0.5) ? rng.pick([...LETTERS]) : rng.pick([...DIGITS])) + take(rng, DIGITS, 4);
    case 'new-energy-large':
      return province + authority + take(rng, DIGITS, 5) + rng.pick(['D', 'F']);
    case 'ebike':
      return province + authority + take(rng, DIGITS, 6);
  }
}
