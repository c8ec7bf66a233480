import { sm2, sm3, sm4 } from 'sm-crypto-v2';

/**
 * The digital envelope of packages/gm (ADR 0012, C1) in the browser: SM2 key transport of a fresh SM4 key, SM4-CTR +
 * HMAC-SM3 (AEAD version 1) over the payload with the envelope header as associated data, SM2 signature of header,
 * key and ciphertext by the sender. Byte-for-byte the format of `sealEnvelope`/`openEnvelope` (the interoperability
 * test seals here and opens there, and back), on sm-crypto-v2 and WebCrypto's random source instead of node:crypto.
 */
export interface Envelope {
  typ: 'SHTP-GM-ENVELOPE';
  v: 1;
  sender: string;
  recipient: string;
  ts: number;
  nonce: string;
  ek: string;
  ct: string;
  sig: string;
}

const TYPE = 'SHTP-GM-ENVELOPE';
const USER_ID = '1234567812345678';
const AEAD_CTR_HMAC = 1;
const enc = new TextEncoder();

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (x) => Number.parseInt(x, 16));
const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const u64 = (n: number) => concat(u32(Math.floor(n / 2 ** 32)), u32(n >>> 0));
const lp = (data: Uint8Array | string) => {
  const b = typeof data === 'string' ? enc.encode(data) : data;
  return concat(u32(b.length), b);
};
const hmac = (key: Uint8Array, data: Uint8Array | string) => unhex(sm3(typeof data === 'string' ? enc.encode(data) : data, { key, mode: 'hmac' }));

function header(e: { sender: string; recipient: string; ts: number }, nonce: Uint8Array) {
  return concat(enc.encode(`${TYPE}\0`), new Uint8Array([1]), lp(e.sender), lp(e.recipient), u64(e.ts), lp(nonce));
}

/** SM4-CTR with a 128-bit big-endian counter (OpenSSL's sm4-ctr), from SM4-ECB of the counter blocks. */
function ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array) {
  const blocks = Math.ceil(data.length / 16);
  const counters = new Uint8Array(blocks * 16);
  const c = iv.slice();
  for (let i = 0; i < blocks; i++) {
    counters.set(c, i * 16);
    for (let j = 15; j >= 0; j--) {
      c[j] = (c[j]! + 1) & 255;
      if (c[j] !== 0) break;
    }
  }
  const stream = sm4.encrypt(counters, key, { mode: 'ecb', padding: 'none', output: 'array' }) as Uint8Array;
  return data.map((b, i) => b ^ stream[i]!);
}

function subkeys(key: Uint8Array) {
  return { enc: hmac(key, 'shtp-aead-enc').subarray(0, 16), mac: hmac(key, 'shtp-aead-mac') };
}

function aeadSeal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array) {
  const k = subkeys(key);
  const head = new Uint8Array([AEAD_CTR_HMAC]);
  const nonce = random(16);
  const ciphertext = ctr(k.enc, nonce, plaintext);
  return concat(head, nonce, ciphertext, hmac(k.mac, concat(head, nonce, u64(aad.length), aad, ciphertext)));
}

function aeadOpen(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array) {
  if (sealed[0] !== AEAD_CTR_HMAC || sealed.length < 49) throw new Error('不支持的密文格式');
  const k = subkeys(key);
  const nonce = sealed.subarray(1, 17);
  const ciphertext = sealed.subarray(17, sealed.length - 32);
  const expected = hmac(k.mac, concat(sealed.subarray(0, 1), nonce, u64(aad.length), aad, ciphertext));
  if (hex(expected) !== hex(sealed.subarray(sealed.length - 32))) throw new Error('应答被篡改');
  return ctr(k.enc, nonce, ciphertext);
}

function derInt(v: Uint8Array) {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  const body = v[i]! & 0x80 ? concat(new Uint8Array([0]), v.subarray(i)) : v.subarray(i);
  return concat(new Uint8Array([2, body.length]), body);
}
const toDer = (raw: Uint8Array) => {
  const body = concat(derInt(raw.subarray(0, 32)), derInt(raw.subarray(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
};
function fromDer(der: Uint8Array): string {
  const read = (at: number) => ({ v: der.subarray(at + 2, at + 2 + der[at + 1]!), next: at + 2 + der[at + 1]! });
  const r = read(2);
  const s = read(r.next);
  const pad = (v: Uint8Array) => hex(v.length > 32 ? v.subarray(v.length - 32) : v).padStart(64, '0');
  return pad(r.v) + pad(s.v);
}

const signed = (head: Uint8Array, ek: Uint8Array, ct: Uint8Array) => concat(head, lp(ek), lp(ct));

export interface Keys {
  /** Device code (sender key ID) and its SM2 private key (hex). */
  deviceCode: string;
  privateKey: string;
  publicKey: string;
  /** The server's transport key (GET /api/transport/server-key). */
  serverKeyId: string;
  serverPublicKey: string;
}

export function sealEnvelope(payload: string, k: Keys, now = Date.now()): Envelope {
  const nonce = random(16);
  const key = random(16);
  const e = { sender: k.deviceCode, recipient: k.serverKeyId, ts: Math.floor(now) };
  const head = header(e, nonce);
  const ek = unhex(sm2.doEncrypt(key, k.serverPublicKey, 1, { asn1: true }));
  const ct = aeadSeal(key, enc.encode(payload), head);
  key.fill(0);
  const raw = unhex(
    sm2.doSignature(signed(head, ek, ct), k.privateKey, { hash: true, der: false, publicKey: k.publicKey, userId: USER_ID }).padStart(128, '0'),
  );
  return { typ: TYPE, v: 1, ...e, nonce: b64(nonce), ek: b64(ek), ct: b64(ct), sig: b64(toDer(raw)) };
}

/** Opens a reply: signed by the server key, addressed to this device; throws otherwise. */
export function openEnvelope(text: string, k: Keys): string {
  const e = JSON.parse(text) as Envelope;
  if (e.typ !== TYPE || e.v !== 1) throw new Error('应答不是数字信封');
  if (e.sender !== k.serverKeyId || e.recipient !== k.deviceCode) throw new Error('应答的收发方不符');
  const nonce = unb64(e.nonce);
  const ek = unb64(e.ek);
  const ct = unb64(e.ct);
  const head = header(e, nonce);
  const ok = sm2.doVerifySignature(signed(head, ek, ct), fromDer(unb64(e.sig)), k.serverPublicKey, { hash: true, der: false, userId: USER_ID });
  if (!ok) throw new Error('应答签名无效');
  const key = sm2.doDecrypt(hex(ek), k.privateKey, 1, { asn1: true, output: 'array' }) as Uint8Array;
  return new TextDecoder().decode(aeadOpen(key, ct, head));
}

export function generateDeviceKey(): { privateKey: string; publicKey: string } {
  const pair = sm2.generateKeyPairHex();
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}
