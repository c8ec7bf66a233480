/**
 * 国密 bench: our @shtp/gm (SM3/SM4 on node:crypto, SM2 on the sm-crypto-v2 wrapper) side by side with the old
 * pure-JS `sm-crypto` 0.3 package, on the same run, as a table with the ratio ours / sm-crypto.
 *
 *   npx tsx tools/bench/gm.bench.ts [--quick]
 *
 * Each cell runs for ~1 s after one warm-up call (the 16 MiB sm-crypto cells: a single timed call). MB = 10^6 bytes.
 * The outputs of both libraries are compared first, so both sides do the same work. Figures: docs/benchmarks/gm.md.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import {
  AEAD_CTR_HMAC,
  AEAD_GCM,
  aeadSeal,
  sm2Decrypt,
  sm2Encrypt,
  sm2GenerateKeyPair,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  sm4CbcEncrypt,
  sm4GcmEncrypt,
} from '@shtp/gm';

/** The parts of sm-crypto 0.3 used here (the package ships no typings). */
interface SmCrypto {
  sm3(input: Uint8Array | string): string;
  sm4: { encrypt(input: Uint8Array, key: string, opts: { mode: 'cbc'; iv: string; output: 'array' }): number[] };
  sm2: {
    // A Uint8Array message is hashed wrongly by 0.3 (its arrayToHex maps into a Uint8Array): plain arrays only.
    doSignature(msg: number[], privateKey: string, opts: { hash: boolean; der: boolean; publicKey: string }): string;
    doVerifySignature(msg: number[], sig: string, publicKey: string, opts: { hash: boolean; der: boolean }): boolean;
    doEncrypt(msg: Uint8Array, publicKey: string, mode: 0 | 1): string;
    doDecrypt(ct: string, privateKey: string, mode: 0 | 1, opts: { output: 'array' }): number[];
  };
}
const smCrypto = createRequire(import.meta.url)('sm-crypto') as SmCrypto;

const quick = process.argv.includes('--quick');
const CELL_MS = quick ? 300 : 1000;
const LARGE = 16 * 1024 * 1024;
const SMALL = 1024;

/** Calls per second of fn: one warm-up call (unless cold), then repeated calls for at least `ms`. */
function perSecond(fn: () => unknown, { ms = CELL_MS, warmUp = true } = {}): number {
  if (warmUp) fn();
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    fn();
    calls++;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  return calls / (elapsed / 1000);
}

/** A function over a ring of distinct inputs, so no call sees the previous one's input. */
function cycling<T>(inputs: T[], fn: (input: T) => unknown): () => unknown {
  let i = 0;
  return () => fn(inputs[i++ % inputs.length] as T);
}

function assertSame(what: string, ours: string, theirs: string): void {
  if (ours !== theirs) throw new Error(`${what}: the two libraries disagree — the comparison would be meaningless`);
}

interface Row {
  item: string;
  unit: string;
  ours: number;
  theirs: number;
  ratioLabel?: string;
}
const rows: Row[] = [];
const started = performance.now();

// --- SM3 --------------------------------------------------------------------------------------------------------
const large = randomBytes(LARGE);
const smalls = Array.from({ length: 64 }, () => randomBytes(SMALL));
assertSame('SM3', sm3Hex(smalls[0]!), smCrypto.sm3(smalls[0]!));
rows.push({
  item: 'SM3, 16 MiB buffer',
  unit: 'MB/s',
  ours: (perSecond(() => sm3Hex(large)) * LARGE) / 1e6,
  theirs: (perSecond(() => smCrypto.sm3(large), { ms: 0, warmUp: false }) * LARGE) / 1e6,
});
rows.push({
  item: 'SM3, 1 KiB messages',
  unit: 'MB/s',
  ours: (perSecond(cycling(smalls, sm3Hex)) * SMALL) / 1e6,
  theirs: (perSecond(cycling(smalls, (m) => smCrypto.sm3(m))) * SMALL) / 1e6,
});

// --- SM4-CBC (PKCS#7) -------------------------------------------------------------------------------------------
const key = randomBytes(16);
const iv = randomBytes(16);
const keyHex = key.toString('hex');
const ivHex = iv.toString('hex');
const cbcTheirs = (m: Uint8Array) => smCrypto.sm4.encrypt(m, keyHex, { mode: 'cbc', iv: ivHex, output: 'array' });
assertSame('SM4-CBC', sm4CbcEncrypt(key, iv, smalls[0]!).toString('hex'), Buffer.from(cbcTheirs(smalls[0]!)).toString('hex'));
rows.push({
  item: 'SM4-CBC encrypt, 16 MiB buffer',
  unit: 'MB/s',
  ours: (perSecond(() => sm4CbcEncrypt(key, iv, large)) * LARGE) / 1e6,
  theirs: (perSecond(() => cbcTheirs(large), { ms: 0, warmUp: false }) * LARGE) / 1e6,
});
rows.push({
  item: 'SM4-CBC encrypt, 1 KiB messages',
  unit: 'MB/s',
  ours: (perSecond(cycling(smalls, (m) => sm4CbcEncrypt(key, iv, m))) * SMALL) / 1e6,
  theirs: (perSecond(cycling(smalls, cbcTheirs)) * SMALL) / 1e6,
});

// --- our two AEADs (no sm-crypto counterpart: it has no authenticated mode) ------------------------------------
const gcmIv = randomBytes(12);
rows.push({
  item: 'AEAD 1 KiB: ours SM4-CTR+HMAC-SM3 vs ours SM4-GCM',
  unit: 'msgs/s',
  ours: perSecond(cycling(smalls, (m) => aeadSeal(key, m, undefined, AEAD_CTR_HMAC))),
  theirs: perSecond(cycling(smalls, (m) => sm4GcmEncrypt(key, gcmIv, m))),
  ratioLabel: 'CTR+HMAC / GCM',
});
// The self-describing GCM blob (what the envelope would store), to show the framing costs nothing noticeable.
const gcmFramed = perSecond(cycling(smalls, (m) => aeadSeal(key, m, undefined, AEAD_GCM)));

// --- SM2 (sign/verify with Z_A and the default ID, DER; encryption C1C3C2 of 32 bytes) --------------------------
const pair = sm2GenerateKeyPair();
const messages = smalls.slice(0, 16).map((m) => m.subarray(0, 256));
const sigs = messages.map((m) => sm2Sign(m, pair));
const arrays = messages.map((m) => Array.from(m));
const theirSigs = arrays.map((m) => smCrypto.sm2.doSignature(m, pair.privateKey, { hash: true, der: true, publicKey: pair.publicKey }));
if (!theirSigs.every((s, i) => sm2Verify(messages[i]!, Buffer.from(s, 'hex'), pair.publicKey))) throw new Error('sm-crypto signature not verified by ours');
const secrets = messages.map((m) => m.subarray(0, 32));
const cts = secrets.map((s) => sm2Encrypt(s, pair.publicKey, { encoding: 'raw' }));
const theirCts = secrets.map((s) => smCrypto.sm2.doEncrypt(s, pair.publicKey, 1));
assertSame(
  'SM2 decrypt',
  sm2Decrypt(Buffer.from(`04${theirCts[0]}`, 'hex'), pair.privateKey, { encoding: 'raw' }).toString('hex'),
  secrets[0]!.toString('hex'),
);
const indices = messages.map((_, i) => i);
rows.push(
  {
    item: 'SM2 sign (256 B, Z_A, DER)',
    unit: 'ops/s',
    ours: perSecond(cycling(messages, (m) => sm2Sign(m, pair))),
    theirs: perSecond(cycling(arrays, (m) => smCrypto.sm2.doSignature(m, pair.privateKey, { hash: true, der: true, publicKey: pair.publicKey }))),
  },
  {
    item: 'SM2 verify',
    unit: 'ops/s',
    ours: perSecond(cycling(indices, (i) => sm2Verify(messages[i]!, sigs[i]!, pair.publicKey))),
    theirs: perSecond(cycling(indices, (i) => smCrypto.sm2.doVerifySignature(arrays[i]!, theirSigs[i]!, pair.publicKey, { hash: true, der: true }))),
  },
  {
    item: 'SM2 encrypt (32 B)',
    unit: 'ops/s',
    ours: perSecond(cycling(secrets, (s) => sm2Encrypt(s, pair.publicKey, { encoding: 'raw' }))),
    theirs: perSecond(cycling(secrets, (s) => smCrypto.sm2.doEncrypt(s, pair.publicKey, 1))),
  },
  {
    item: 'SM2 decrypt (32 B)',
    unit: 'ops/s',
    ours: perSecond(cycling(cts, (c) => sm2Decrypt(c, pair.privateKey, { encoding: 'raw' }))),
    theirs: perSecond(cycling(theirCts, (c) => smCrypto.sm2.doDecrypt(c, pair.privateKey, 1, { output: 'array' }))),
  },
);

// --- report -----------------------------------------------------------------------------------------------------
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));
console.log(
  `Node ${process.versions.node}, OpenSSL ${process.versions.openssl}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${os.platform()} ${os.arch()}`,
);
console.log('\n| measurement | unit | @shtp/gm | sm-crypto 0.3 | ratio (ours / sm-crypto) |');
console.log('|---|---|---:|---:|---:|');
for (const r of rows) {
  const ratio = `${(r.ours / r.theirs).toFixed(1)}×${r.ratioLabel ? ` (${r.ratioLabel})` : ''}`;
  const theirs = r.ratioLabel ? `${fmt(r.theirs)} (ours, GCM)` : fmt(r.theirs);
  console.log(`| ${r.item} | ${r.unit} | ${fmt(r.ours)} | ${theirs} | ${ratio} |`);
}
console.log(`\nSM4-GCM as the framed AEAD blob (aeadSeal v2): ${fmt(gcmFramed)} msgs/s`);
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
