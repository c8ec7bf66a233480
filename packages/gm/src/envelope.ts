import { randomBytes } from 'node:crypto';
import { GmError, isGmError } from './errors.ts';
import { sm2Decrypt, sm2Encrypt, sm2Sign, sm2Verify } from './sm2.ts';
import { aeadOpen, aeadSeal } from './sm4.ts';

/*
 * Digital envelope (数字信封), format version 1 — JSON with base64 fields (README "Digital envelope"):
 *
 *   { "typ": "SHTP-GM-ENVELOPE", "v": 1, "sender": "<key id>", "recipient": "<key id>", "ts": <ms since epoch>,
 *     "nonce": b64(16 random bytes), "ek": b64(SM2 encryption of the 16-byte SM4 key, GM/T 0009 DER),
 *     "ct": b64(aeadSeal(key, payload, aad = header)), "sig": b64(SM2 signature, DER, default ID) }
 *
 * header = "SHTP-GM-ENVELOPE" 0x00 | u8 v | lp(sender) | lp(recipient) | u64 ts | lp(nonce)  (lp = u32 length ‖ bytes)
 * signed = header | lp(ek) | lp(ct)
 *
 * open() checks, in this order: structure → the sender's signature (before anything else is trusted) →
 * recipient → freshness → replay (nonce) → key decryption → AEAD; each failure is a GmError with its code.
 */

export const ENVELOPE_TYPE = 'SHTP-GM-ENVELOPE';
export const ENVELOPE_VERSION = 1;

export interface Envelope {
  typ: typeof ENVELOPE_TYPE;
  v: typeof ENVELOPE_VERSION;
  sender: string;
  recipient: string;
  ts: number;
  nonce: string;
  ek: string;
  ct: string;
  sig: string;
}

export interface SealOptions {
  recipientPublicKey: string;
  recipientKeyId: string;
  senderPrivateKey: string;
  senderKeyId: string;
  /** Clock, for tests (default Date.now). */
  now?: () => number;
}

/** Remembers nonces until they expire. `seen` records the nonce and answers whether it was already there. */
export interface ReplayCache {
  seen(nonce: string, expiresAt: number): Promise<boolean>;
}

export interface OpenOptions {
  recipientPrivateKey: string;
  recipientKeyId: string;
  /**
   * The sender's public key (hex) for a key ID, or undefined if the sender is not known/trusted. May be async
   * (a database lookup); a throw or rejection counts as an unknown sender.
   */
  senderPublicKey: (keyId: string) => string | undefined | Promise<string | undefined>;
  /** Oldest acceptable envelope, in ms (default 5 minutes). */
  maxAgeMs?: number;
  /** Tolerated clock skew for envelopes from the future, in ms (default 60 s). */
  maxFutureSkewMs?: number;
  replayCache: ReplayCache;
  now?: () => number;
}

export interface OpenedEnvelope {
  payload: Buffer;
  senderKeyId: string;
  recipientKeyId: string;
  timestamp: number;
  nonce: string;
}

const MAGIC = Buffer.from(`${ENVELOPE_TYPE}\0`, 'utf8');
const NONCE_BYTES = 16;
const SM4_KEY_BYTES = 16;

function lp(data: Uint8Array | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

function header(e: Pick<Envelope, 'v' | 'sender' | 'recipient' | 'ts'>, nonce: Buffer): Buffer {
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(e.ts));
  return Buffer.concat([MAGIC, Buffer.from([e.v]), lp(e.sender), lp(e.recipient), ts, lp(nonce)]);
}

const signedBytes = (head: Buffer, ek: Buffer, ct: Buffer) => Buffer.concat([head, lp(ek), lp(ct)]);

// Visible characters of the BMP, no lone surrogates: they all encode to EF BF BD in UTF-8, so two different IDs
// would sign the same header bytes.
const KEY_ID = /^[\x21-\x7e\u00a0-\ud7ff\ue000-\uffff][\x20-\x7e\u00a0-\ud7ff\ue000-\uffff]{0,255}$/u;

function checkKeyId(id: unknown, what: string): string {
  if (typeof id !== 'string' || !KEY_ID.test(id)) throw new GmError('INVALID_INPUT', `${what}密钥标识必须是 1–256 个可见字符`);
  return id;
}

/** Seals a payload for one recipient: fresh SM4 key, AEAD, SM2 key transport, SM2 signature by the sender. */
export function sealEnvelope(payload: Uint8Array | string, opts: SealOptions): Envelope {
  const sender = checkKeyId(opts.senderKeyId, '发送方');
  const recipient = checkKeyId(opts.recipientKeyId, '接收方');
  const ts = Math.floor((opts.now ?? Date.now)());
  const nonce = randomBytes(NONCE_BYTES);
  const key = randomBytes(SM4_KEY_BYTES);
  const head = header({ v: ENVELOPE_VERSION, sender, recipient, ts }, nonce);
  const ek = sm2Encrypt(key, opts.recipientPublicKey);
  const ct = aeadSeal(key, typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload, head);
  key.fill(0);
  const sig = sm2Sign(signedBytes(head, ek, ct), opts.senderPrivateKey);
  return {
    typ: ENVELOPE_TYPE,
    v: ENVELOPE_VERSION,
    sender,
    recipient,
    ts,
    nonce: nonce.toString('base64'),
    ek: ek.toString('base64'),
    ct: ct.toString('base64'),
    sig: sig.toString('base64'),
  };
}

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function b64(value: unknown, field: string): Buffer {
  if (typeof value !== 'string' || !B64.test(value)) throw new GmError('ENVELOPE_MALFORMED', `字段 ${field} 不是规范的 base64`);
  const out = Buffer.from(value, 'base64');
  // Canonical only: unused low bits before '=' would let two strings carry the same bytes.
  if (out.toString('base64') !== value) throw new GmError('ENVELOPE_MALFORMED', `字段 ${field} 不是规范的 base64`);
  return out;
}

/** Structure only; nothing here is trusted until the signature has been verified. */
function parse(input: Envelope | string | Uint8Array): { e: Envelope; nonce: Buffer; ek: Buffer; ct: Buffer; sig: Buffer } {
  let e: unknown = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    try {
      e = JSON.parse(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'));
    } catch (err) {
      throw new GmError('ENVELOPE_MALFORMED', '不是 JSON', { cause: err });
    }
  }
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new GmError('ENVELOPE_MALFORMED', '不是对象');
  const o = e as Record<string, unknown>;
  if (o.typ !== ENVELOPE_TYPE) throw new GmError('ENVELOPE_MALFORMED', '类型标识不符');
  if (o.v !== ENVELOPE_VERSION) throw new GmError('ENVELOPE_MALFORMED', `不支持的版本 ${String(o.v)}`);
  for (const f of ['sender', 'recipient'] as const) {
    if (typeof o[f] !== 'string' || !KEY_ID.test(o[f] as string)) throw new GmError('ENVELOPE_MALFORMED', `字段 ${f} 无效`);
  }
  if (typeof o.ts !== 'number' || !Number.isSafeInteger(o.ts) || o.ts < 0) throw new GmError('ENVELOPE_MALFORMED', '时间戳无效');
  const nonce = b64(o.nonce, 'nonce');
  if (nonce.length !== NONCE_BYTES) throw new GmError('ENVELOPE_MALFORMED', 'nonce 长度无效');
  return { e: o as unknown as Envelope, nonce, ek: b64(o.ek, 'ek'), ct: b64(o.ct, 'ct'), sig: b64(o.sig, 'sig') };
}

/**
 * Opens an envelope. Throws GmError: ENVELOPE_MALFORMED (structure), ENVELOPE_TAMPERED (unknown sender key,
 * bad signature, or ciphertext failing authentication), ENVELOPE_WRONG_RECIPIENT (addressed to another key, or
 * our key cannot unwrap it), ENVELOPE_EXPIRED (older than maxAgeMs or from the future), ENVELOPE_REPLAYED
 * (nonce seen before).
 */
export async function openEnvelope(input: Envelope | string | Uint8Array, opts: OpenOptions): Promise<OpenedEnvelope> {
  const { e, nonce, ek, ct, sig } = parse(input);
  const head = header(e, nonce);

  // 1. signature first: nothing in the envelope is trusted before it.
  let senderKey: string | undefined;
  try {
    senderKey = await opts.senderPublicKey(e.sender);
  } catch {
    senderKey = undefined;
  }
  if (!senderKey) throw new GmError('ENVELOPE_TAMPERED', `未知或不受信任的发送方密钥 ${e.sender}`);
  if (!sm2Verify(signedBytes(head, ek, ct), sig, senderKey)) throw new GmError('ENVELOPE_TAMPERED');

  // 2. recipient, 3. freshness, 4. replay.
  if (e.recipient !== opts.recipientKeyId) throw new GmError('ENVELOPE_WRONG_RECIPIENT', `信封发给 ${e.recipient}`);
  const now = (opts.now ?? Date.now)();
  const maxAge = opts.maxAgeMs ?? 5 * 60_000;
  if (now - e.ts > maxAge) throw new GmError('ENVELOPE_EXPIRED', `已超过 ${Math.round(maxAge / 1000)} 秒`);
  if (e.ts - now > (opts.maxFutureSkewMs ?? 60_000)) throw new GmError('ENVELOPE_EXPIRED', '时间戳晚于当前时间');
  const nonceText = nonce.toString('base64');
  if (await opts.replayCache.seen(`${e.sender}:${nonceText}`, e.ts + maxAge)) throw new GmError('ENVELOPE_REPLAYED');

  // 5. decrypt.
  let key: Buffer;
  try {
    key = sm2Decrypt(ek, opts.recipientPrivateKey);
  } catch (err) {
    throw new GmError('ENVELOPE_WRONG_RECIPIENT', '本方私钥无法解开会话密钥', { cause: err });
  }
  if (key.length !== SM4_KEY_BYTES) throw new GmError('ENVELOPE_MALFORMED', '会话密钥长度无效');
  try {
    const payload = aeadOpen(key, ct, head);
    return { payload, senderKeyId: e.sender, recipientKeyId: e.recipient, timestamp: e.ts, nonce: nonceText };
  } catch (err) {
    if (isGmError(err)) throw new GmError('ENVELOPE_TAMPERED', '密文认证失败', { cause: err });
    throw err;
  } finally {
    key.fill(0);
  }
}

/** In-memory ReplayCache with expiry (one process; use a shared store such as the database across processes). */
export class MemoryReplayCache implements ReplayCache {
  private readonly entries = new Map<string, number>();
  private lastSweep = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 1_000_000,
  ) {}

  async seen(nonce: string, expiresAt: number): Promise<boolean> {
    const now = this.now();
    if (now - this.lastSweep > 1000 || this.entries.size >= this.maxEntries) this.sweep(now);
    const known = this.entries.get(nonce);
    if (known !== undefined && known > now) return true;
    // Refuse rather than forget unexpired nonces when full: forgetting would let a replay through.
    if (this.entries.size >= this.maxEntries) throw new GmError('ENVELOPE_REPLAYED', '重放缓存已满，暂不受理');
    this.entries.set(nonce, expiresAt);
    return false;
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, exp] of this.entries) if (exp <= now) this.entries.delete(k);
  }
}

/** `envelope.seal(payload, opts)` / `envelope.open(envelope, opts)`. */
export const envelope = { seal: sealEnvelope, open: openEnvelope };
