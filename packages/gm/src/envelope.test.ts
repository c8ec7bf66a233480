import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Envelope, envelope, MemoryReplayCache, type OpenOptions, openEnvelope, sealEnvelope } from './envelope.ts';
import { GmError } from './errors.ts';
import { sm2GenerateKeyPair } from './sm2.ts';

const alice = sm2GenerateKeyPair(); // sender (e.g. the PDA gateway)
const bob = sm2GenerateKeyPair(); // recipient (e.g. the exchange zone)
const carol = sm2GenerateKeyPair();
const directory: Record<string, string> = { 'alice-2026': alice.publicKey, 'carol-1': carol.publicKey };

const sealOpts = { recipientPublicKey: bob.publicKey, recipientKeyId: 'bob-v3', senderPrivateKey: alice.privateKey, senderKeyId: 'alice-2026' };
const openOpts = (over: Partial<OpenOptions> = {}): OpenOptions => ({
  recipientPrivateKey: bob.privateKey,
  recipientKeyId: 'bob-v3',
  senderPublicKey: (id) => directory[id],
  maxAgeMs: 60_000,
  replayCache: new MemoryReplayCache(),
  ...over,
});

async function code(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof GmError ? e.code : `not a GmError: ${String(e)}`;
  }
  return undefined;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** 16 bytes → 22 base64 characters + '=='; the last character carries 2 bits and 4 unused (zero) ones. */
const nonCanonical = (b64: string) => `${b64.slice(0, 21)}${ALPHABET[ALPHABET.indexOf(b64[21]!) ^ 1]}==`;

describe('digital envelope', () => {
  it('round-trips a payload, as an object, a JSON string or bytes; the format is as documented', async () => {
    const env = sealEnvelope('{"plate":"沪A12345"}', sealOpts);
    expect(Object.keys(env)).toEqual(['typ', 'v', 'sender', 'recipient', 'ts', 'nonce', 'ek', 'ct', 'sig']);
    expect(env).toMatchObject({ typ: 'SHTP-GM-ENVELOPE', v: 1, sender: 'alice-2026', recipient: 'bob-v3' });
    expect(Buffer.from(env.nonce, 'base64').length).toBe(16);
    expect(Buffer.from(env.ct, 'base64')[0]).toBe(1); // AEAD version 1 (SM4-CTR + HMAC-SM3)
    expect(Buffer.from(env.ek, 'base64')[0]).toBe(0x30); // GM/T 0009 DER
    const opened = await openEnvelope(env, openOpts());
    expect(opened.payload.toString()).toBe('{"plate":"沪A12345"}');
    expect(opened).toMatchObject({ senderKeyId: 'alice-2026', recipientKeyId: 'bob-v3', timestamp: env.ts, nonce: env.nonce });
    expect((await envelope.open(JSON.stringify(env), openOpts())).payload.toString()).toBe('{"plate":"沪A12345"}');
    const big = Buffer.alloc(200_000, 9);
    expect((await openEnvelope(Buffer.from(JSON.stringify(envelope.seal(big, sealOpts))), openOpts())).payload.equals(big)).toBe(true);
    expect((await openEnvelope(sealEnvelope('', sealOpts), openOpts())).payload.length).toBe(0);
  });

  it('tampered: any field changed, a foreign signature, or an unknown sender is ENVELOPE_TAMPERED', async () => {
    const env = sealEnvelope('payload', sealOpts);
    const flipB64 = (v: string, byte = 5) => {
      const b = Buffer.from(v, 'base64');
      b[byte]! ^= 1;
      return b.toString('base64');
    };
    const variants: Envelope[] = [
      { ...env, ct: flipB64(env.ct, 20) },
      { ...env, ct: flipB64(env.ct, 0) },
      { ...env, ek: flipB64(env.ek, 40) },
      { ...env, sig: flipB64(env.sig, 10) },
      { ...env, nonce: flipB64(env.nonce) },
      { ...env, ts: env.ts - 1 },
      { ...env, sender: 'carol-1' },
      { ...env, recipient: 'bob-v4' },
      { ...env, sig: sealEnvelope('other', sealOpts).sig },
    ];
    for (const v of variants) expect(await code(openEnvelope(v, openOpts()))).toBe('ENVELOPE_TAMPERED');
    expect(await code(openEnvelope({ ...env, sender: 'mallory' }, openOpts()))).toBe('ENVELOPE_TAMPERED');
    // carol signs an envelope claiming to be alice
    const forged = sealEnvelope('payload', { ...sealOpts, senderPrivateKey: carol.privateKey });
    expect(await code(openEnvelope(forged, openOpts()))).toBe('ENVELOPE_TAMPERED');
  });

  it('the signature is checked first: a tampered envelope does not consume its nonce', async () => {
    const cache = new MemoryReplayCache();
    const env = sealEnvelope('x', sealOpts);
    expect(await code(openEnvelope({ ...env, recipient: 'someone-else' }, openOpts({ replayCache: cache })))).toBe('ENVELOPE_TAMPERED');
    expect(cache.size).toBe(0);
    expect((await openEnvelope(env, openOpts({ replayCache: cache }))).payload.toString()).toBe('x');
  });

  it('replayed: the same envelope twice is ENVELOPE_REPLAYED; the nonce is forgotten after expiry', async () => {
    let now = 1_800_000_000_000;
    const clock = () => now;
    const cache = new MemoryReplayCache(clock);
    const env = sealEnvelope('once', { ...sealOpts, now: clock });
    const opts = openOpts({ replayCache: cache, now: clock });
    expect((await openEnvelope(env, opts)).payload.toString()).toBe('once');
    expect(await code(openEnvelope(env, opts))).toBe('ENVELOPE_REPLAYED');
    expect(await code(openEnvelope(JSON.stringify(env), opts))).toBe('ENVELOPE_REPLAYED');
    now += 61_000;
    expect(await code(openEnvelope(env, opts))).toBe('ENVELOPE_EXPIRED');
    expect(await cache.seen('other', now + 10)).toBe(false);
    expect(cache.size).toBe(1); // the expired nonce was swept
  });

  it('expired: older than maxAgeMs, or from the future beyond the skew, is ENVELOPE_EXPIRED', async () => {
    const t = 1_800_000_000_000;
    const env = sealEnvelope('late', { ...sealOpts, now: () => t });
    expect(await code(openEnvelope(env, openOpts({ now: () => t + 60_001 })))).toBe('ENVELOPE_EXPIRED');
    expect(await code(openEnvelope(env, openOpts({ now: () => t - 60_001 })))).toBe('ENVELOPE_EXPIRED');
    expect((await openEnvelope(env, openOpts({ now: () => t + 59_000 }))).payload.toString()).toBe('late');
  });

  it('wrong recipient: addressed to another key ID, or our key cannot unwrap it', async () => {
    const env = sealEnvelope('for bob', sealOpts);
    expect(await code(openEnvelope(env, openOpts({ recipientKeyId: 'carol-1', recipientPrivateKey: carol.privateKey })))).toBe('ENVELOPE_WRONG_RECIPIENT');
    expect(await code(openEnvelope(env, openOpts({ recipientPrivateKey: carol.privateKey })))).toBe('ENVELOPE_WRONG_RECIPIENT');
  });

  it('malformed: not JSON, wrong type or version, missing or non-canonical fields', async () => {
    const env = sealEnvelope('m', sealOpts);
    const bad: unknown[] = [
      'not json',
      '[]',
      { ...env, typ: 'X' },
      { ...env, v: 2 },
      { ...env, ts: '1' },
      { ...env, ts: -1 },
      { ...env, sender: '' },
      { ...env, nonce: 'AAAA' },
      { ...env, ct: '***' },
      { ...env, sig: undefined },
      { ...env, nonce: nonCanonical(env.nonce) }, // an unused low bit set: same bytes, different string
    ];
    for (const b of bad) expect(await code(openEnvelope(b as Envelope, openOpts()))).toBe('ENVELOPE_MALFORMED');
    expect(() => sealEnvelope('x', { ...sealOpts, senderKeyId: '' })).toThrow(GmError);
  });

  it('the sender key may be looked up asynchronously; a failing lookup is an unknown sender', async () => {
    const env = sealEnvelope('async', sealOpts);
    const lookup = async (id: string) => directory[id];
    expect((await openEnvelope(env, openOpts({ senderPublicKey: lookup }))).payload.toString()).toBe('async');
    const failing = async (): Promise<string> => {
      throw new Error('db down');
    };
    expect(await code(openEnvelope(env, openOpts({ senderPublicKey: failing })))).toBe('ENVELOPE_TAMPERED');
  });

  it('key IDs with lone surrogates are refused: they would sign the same bytes as other IDs', async () => {
    // 'a\ud800' and 'a\ud801' both encode to 61 ef bf bd in UTF-8.
    expect(() => sealEnvelope('x', { ...sealOpts, senderKeyId: 'a\ud800' })).toThrow(GmError);
    expect(() => sealEnvelope('x', { ...sealOpts, recipientKeyId: 'b\udfff' })).toThrow(GmError);
    const env = sealEnvelope('x', { ...sealOpts, recipientKeyId: '交换区-接收方' });
    expect(await code(openEnvelope({ ...env, sender: 'alice\ud800' }, openOpts()))).toBe('ENVELOPE_MALFORMED');
    expect((await openEnvelope(env, openOpts({ recipientKeyId: '交换区-接收方' }))).payload.toString()).toBe('x');
  });

  it('round-trips any payload between any key IDs (property)', async () => {
    const keyId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,30}$/);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 100 })), keyId, keyId, async (payload, from, to) => {
        const env = sealEnvelope(payload, { ...sealOpts, senderKeyId: from, recipientKeyId: to });
        const opened = await openEnvelope(
          JSON.stringify(env),
          openOpts({ recipientKeyId: to, senderPublicKey: (id) => (id === from ? alice.publicKey : undefined) }),
        );
        expect(opened.payload.equals(typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload))).toBe(true);
        expect(opened).toMatchObject({ senderKeyId: from, recipientKeyId: to });
      }),
      { numRuns: 25 },
    );
  });

  it('any single flipped bit of the serialized envelope is rejected (property)', async () => {
    const serialized = Buffer.from(JSON.stringify(sealEnvelope('一条需要跨区传输的记录', sealOpts)));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: serialized.length * 8 - 1 }), async (bit) => {
        const t = Buffer.from(serialized);
        t[bit >> 3]! ^= 1 << (bit & 7);
        const c = await code(openEnvelope(t, openOpts()));
        expect(c).toMatch(/^ENVELOPE_(TAMPERED|MALFORMED)$/);
      }),
      { numRuns: 60 },
    );
  });
});
