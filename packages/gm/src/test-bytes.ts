/* Test helper (not exported from the package): hex in and out, a flipped bit, and the code a GM function fails with. */
import { GmError } from './errors.ts';

export const h = (s: string) => Buffer.from(s, 'hex');
export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** A copy of `b` with one bit flipped. */
export const flip = (b: Uint8Array, bit: number) => {
  const t = Buffer.from(b);
  t[bit >> 3]! ^= 1 << (bit & 7);
  return t;
};

/** The GmError code `f` throws, undefined when it does not throw, and a telling string when it throws something else. */
export const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof GmError ? e.code : `not a GmError: ${String(e)}`;
  }
  return undefined;
};
