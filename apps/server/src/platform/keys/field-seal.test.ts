import { randomBytes } from 'node:crypto';
import { aeadSubkeyDerivations } from '@shtp/gm';
import { describe, expect, it } from 'vitest';
import { openField, sealField } from './field-seal.ts';

const CONTEXT = 'nm_vehicles.owner_name_enc';

describe('stored fields and the SM4 subkeys of their data key', () => {
  it('a data key derives its subkeys once, however many fields it seals and opens (N1: E9 opens one per result)', () => {
    const material = randomBytes(16);
    const before = aeadSubkeyDerivations();
    const stored = Array.from({ length: 50 }, (_, i) => sealField(material, 1, `车主${i}`, CONTEXT));
    expect(stored.map((s) => openField(material, s, CONTEXT))).toEqual(Array.from({ length: 50 }, (_, i) => `车主${i}`));
    expect(aeadSubkeyDerivations() - before).toBe(1);
  });

  it("a rotated key (a new version's material) gets subkeys of its own: each version opens only what it sealed", () => {
    const v1 = randomBytes(16);
    const v2 = randomBytes(16);
    const old = sealField(v1, 1, '张三', CONTEXT);
    const fresh = sealField(v2, 2, '李四', CONTEXT);
    expect(openField(v1, old, CONTEXT)).toBe('张三');
    expect(openField(v2, fresh, CONTEXT)).toBe('李四');
    expect(() => openField(v2, old, CONTEXT)).toThrow();
    expect(() => openField(v1, fresh, CONTEXT)).toThrow();
  });
});
