/*
 * Test-only, independent BigInt SM2 arithmetic over any short-Weierstrass prime curve, used to check the
 * GB/T 32918 example-curve vectors that no library here can run (they hard-code sm2p256v1). Not constant
 * time, not exported from the package.
 */
import { sm3 } from './sm3.ts';

export interface Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
}
type Point = { x: bigint; y: bigint } | null;

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
function inv(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0, m);
}
const big = (h: string) => BigInt(`0x${h}`);
export const hex32 = (n: bigint) => n.toString(16).padStart(64, '0');
export const curveOf = (c: Record<'p' | 'a' | 'b' | 'n' | 'gx' | 'gy', string>): Curve => ({
  p: big(c.p),
  a: big(c.a),
  b: big(c.b),
  n: big(c.n),
  gx: big(c.gx),
  gy: big(c.gy),
});

function add(c: Curve, P: Point, Q: Point): Point {
  if (!P) return Q;
  if (!Q) return P;
  if (P.x === Q.x && mod(P.y + Q.y, c.p) === 0n) return null;
  const l = P.x === Q.x && P.y === Q.y ? mod((3n * P.x * P.x + c.a) * inv(2n * P.y, c.p), c.p) : mod((Q.y - P.y) * inv(Q.x - P.x, c.p), c.p);
  const x = mod(l * l - P.x - Q.x, c.p);
  return { x, y: mod(l * (P.x - x) - P.y, c.p) };
}
export function mul(c: Curve, k: bigint, P: Point): Point {
  let R: Point = null;
  let A = P;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) R = add(c, R, A);
    A = add(c, A, A);
  }
  return R;
}
export const G = (c: Curve): Point => ({ x: c.gx, y: c.gy });

export function za(c: Curve, P: { x: bigint; y: bigint }, id: string): Buffer {
  const idb = Buffer.from(id, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(idb.length * 8);
  return sm3(Buffer.concat([entl, idb, Buffer.from([c.a, c.b, c.gx, c.gy, P.x, P.y].map(hex32).join(''), 'hex')]));
}

export function verify(c: Curve, P: { x: bigint; y: bigint }, id: string, msg: Buffer, r: bigint, s: bigint): boolean {
  const e = big(sm3(Buffer.concat([za(c, P, id), msg])).toString('hex'));
  const t = mod(r + s, c.n);
  if (t === 0n) return false;
  const X = add(c, mul(c, s, G(c)), mul(c, t, P));
  return X !== null && mod(e + X.x, c.n) === r;
}

function kdf(z: Buffer, klen: number): Buffer {
  const out: Buffer[] = [];
  for (let ct = 1; out.length * 32 < klen; ct++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(ct);
    out.push(sm3(Buffer.concat([z, c])));
  }
  return Buffer.concat(out).subarray(0, klen);
}

/** GB/T 32918.4 decryption of C1 = (x, y), C3, C2. */
export function decrypt(c: Curve, d: bigint, C1: { x: bigint; y: bigint }, C3: Buffer, C2: Buffer): Buffer | null {
  const S = mul(c, d, C1);
  if (!S) return null;
  const x2 = Buffer.from(hex32(S.x), 'hex');
  const y2 = Buffer.from(hex32(S.y), 'hex');
  const t = kdf(Buffer.concat([x2, y2]), C2.length);
  const M = Buffer.from(C2.map((b, i) => b ^ t[i]!));
  return sm3(Buffer.concat([x2, M, y2])).equals(C3) ? M : null;
}
