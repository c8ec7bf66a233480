/** The types of data keys, apart from the store that keeps them: audit, signing and transport need these, and the store audits its rotations. */

export type KeyAlgorithm = 'SM4' | 'HMAC-SM3' | 'SM2';

/** A kind of data key a platform part or module needs; declared in code, created on first start. */
export interface KeySpec {
  purpose: string;
  algorithm: KeyAlgorithm;
  /** Human description for the key-management page. */
  label: string;
  /**
   * Whether rotation is offered. A blind-index key is not: rotating it would need every index recomputed
   * from plaintext, which is a planned migration, not a button.
   */
  rotatable: boolean;
}

/** Unwrapped key material; lives only in process memory. */
export interface DataKey {
  purpose: string;
  version: number;
  /** For SM2: the 32-byte private key (hex via `material.toString('hex')`). */
  material: Buffer;
  /** SM2 only: the public key, uncompressed hex `04‖x‖y`. */
  publicKey?: string;
}

/** A published verification/encryption key of an SM2 purpose. */
export interface PublicKeyInfo {
  version: number;
  publicKey: string;
  status: string;
}

export interface KeyInfo {
  purpose: string;
  label: string;
  algorithm: string;
  version: number;
  status: string;
  createdAt: string;
  retiredAt: string | null;
  rotatable: boolean;
  /** SM2 only: the public key (uncompressed hex); the private key is never listed. */
  publicKey: string | null;
}

/** The keys as their users read them: the active version for new writes, any version to check what an older one protected. */
export interface KeyRing {
  current(purpose: string): DataKey;
  version(purpose: string, version: number): Promise<DataKey>;
}
