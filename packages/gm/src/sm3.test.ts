import { createHmac, pbkdf2Sync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { sm3 as libSm3 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import vectors from '../test-vectors/gm-test-vectors.json' with { type: 'json' };
import { constantTimeEqual, hmacSm3, hmacSm3Stream, pbkdf2Sm3, sm3, sm3Hex, sm3Stream } from './sm3.ts';
import { openssl, opensslSuite } from './test-openssl.ts';

const V = vectors.vectors;
const h = (s: string) => Buffer.from(s, 'hex');

describe('SM3 and HMAC-SM3 against the standard vectors', () => {
  it('SM3 examples 1 and 2 (GB/T 32905)', () => {
    expect(sm3Hex(V.sm3_abc.input_ascii)).toBe(V.sm3_abc.digest);
    expect(sm3(Buffer.from(V.sm3_abcd16.input_ascii)).toString('hex')).toBe(V.sm3_abcd16.digest);
  });

  it('HMAC-SM3 (GM/T 0042 D.3), keys shorter and longer than 32 bytes', () => {
    for (const v of [V.hmac_sm3_1, V.hmac_sm3_2, V.hmac_sm3_3, V.hmac_sm3_4]) expect(hmacSm3(h(v.key_hex), h(v.msg_hex)).toString('hex')).toBe(v.mac);
  });

  it('agrees with sm-crypto-v2 (SM3 and HMAC) on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ minLength: 1, maxLength: 80 }), (m, k) => {
        expect(sm3Hex(m)).toBe(libSm3(m));
        expect(hmacSm3(k, m).toString('hex')).toBe(libSm3(m, { key: k, mode: 'hmac' }));
      }),
      { numRuns: 100 },
    );
  });

  it('the incremental SM3 and HMAC-SM3 equal the one-shot ones whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 6 }), fc.uint8Array({ minLength: 1, maxLength: 40 }), (chunks, k) => {
        const digest = sm3Stream();
        const mac = hmacSm3Stream(k);
        for (const c of chunks) {
          digest.update(c);
          mac.update(c);
        }
        expect(digest.digest('hex')).toBe(sm3Hex(Buffer.concat(chunks)));
        expect(mac.digest('hex')).toBe(hmacSm3(k, Buffer.concat(chunks)).toString('hex'));
      }),
      { numRuns: 50 },
    );
  });

  it('PBKDF2-HMAC-SM3 equals node’s synchronous PBKDF2 with sm3; constantTimeEqual', async () => {
    const salt = Buffer.from('salt');
    expect((await pbkdf2Sm3('口令', salt, 1000)).equals(pbkdf2Sync('口令', salt, 1000, 32, 'sm3'))).toBe(true);
    // one iteration = HMAC(P, S || INT(1))
    expect(
      (await pbkdf2Sm3('p', salt, 1)).equals(
        createHmac('sm3', 'p')
          .update(Buffer.concat([salt, h('00000001')]))
          .digest(),
      ),
    ).toBe(true);
    expect(constantTimeEqual(h('0102'), h('0102'))).toBe(true);
    expect(constantTimeEqual(h('0102'), h('0103'))).toBe(false);
    expect(constantTimeEqual(h('0102'), h('010200'))).toBe(false);
  });
});

describe('SM3 interoperability with the openssl command-line tool', () => {
  const { f, it2 } = opensslSuite();
  it2('`openssl dgst -sm3` and `-hmac` agree', () => {
    writeFileSync(f('m'), '上海市公安局交通警察总队');
    expect(openssl('dgst', '-sm3', '-r', f('m')).toString().split(' ')[0]).toBe(sm3Hex('上海市公安局交通警察总队'));
    const mac = openssl('dgst', '-sm3', '-mac', 'HMAC', '-macopt', 'hexkey:00112233', '-r', f('m')).toString().split(' ')[0];
    expect(mac).toBe(hmacSm3(h('00112233'), '上海市公安局交通警察总队').toString('hex'));
  });
});
