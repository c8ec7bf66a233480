import { weierstrassN } from '@noble/curves/abstract/weierstrass';

/*
 * The point arithmetic of SM2 verification on @noble/curves' short-Weierstrass implementation with the sm2p256v1
 * parameters: the generator's multiples precomputed once, and each public key decoded once and kept with its own table
 * (a node verifies the same few keys — devices, service accounts, its record signer — thousands of times). Verification
 * uses only public values, so the variable-time multiplication is safe here. About 7–8× the sm-crypto-v2 verify on the
 * same machine (docs/benchmarks/gm.md); signing and encryption stay on sm-crypto-v2.
 */
const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const Point = weierstrassN({
  p: P,
  n: N,
  h: 1n,
  a: P - 3n,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
});
type CurvePoint = InstanceType<typeof Point>;
Point.BASE.precompute(8);

/** Decoded public keys (uncompressed hex → point with its table), the oldest dropped beyond the bound. */
const KEY_CACHE_SIZE = 1024;
const keys = new Map<string, CurvePoint>();

function pointOf(publicKeyHex: string): CurvePoint {
  let point = keys.get(publicKeyHex);
  if (!point) {
    point = Point.fromHex(publicKeyHex); // checks that the point is on the curve
    point.precompute(8);
    if (keys.size >= KEY_CACHE_SIZE) keys.delete(keys.keys().next().value!);
    keys.set(publicKeyHex, point);
  }
  return point;
}

const mod = (a: bigint) => ((a % N) + N) % N;

/**
 * GB/T 32918.2 §7 steps B5–B7 for r, s already checked to lie in [1, n−1] and e = SM3(Z_A ‖ M): t = (r + s) mod n ≠ 0,
 * (x1, y1) = [s]G + [t]P_A, and R = (e + x1) mod n must equal r.
 */
export function sm2VerifyPoint(publicKeyHex: string, e: bigint, r: bigint, s: bigint): boolean {
  const t = mod(r + s);
  if (t === 0n) return false;
  const sum = Point.BASE.multiplyUnsafe(s).add(pointOf(publicKeyHex).multiplyUnsafe(t));
  if (sum.is0()) return false;
  return mod(e + sum.toAffine().x) === r;
}
