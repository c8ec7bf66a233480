import type { CpuPool } from '../workers/cpu-pool.ts';
import { blindIndexOf, type FieldJob, fieldKeyVersion, openField, sealField } from './field-seal.ts';
import type { KeySpec } from './key-types.ts';
import type { KeyStore } from './keystore.ts';

export const PII_KEYS: KeySpec[] = [
  { purpose: 'pii-enc', algorithm: 'SM4', label: '个人信息字段加密密钥（SM4）', rotatable: true },
  { purpose: 'pii-index', algorithm: 'HMAC-SM3', label: '个人信息盲索引密钥（HMAC-SM3）', rotatable: false },
];

/**
 * Field-level protection of personal data (C4): each value SM4-encrypted (authenticated, bound to its
 * table and column so a ciphertext cannot be moved to another field) as `f1.<keyVersion>.<base64>`, and an
 * HMAC-SM3 blind index of the normalised value for exact search. Modules use this; none hand-rolls it.
 */
export class FieldCrypto {
  constructor(private readonly keys: KeyStore) {}

  async encrypt(value: string, context: string): Promise<string> {
    const key = this.keys.current('pii-enc');
    return sealField(key.material, key.version, value, context);
  }

  /**
   * Many values sealed and indexed on the CPU pool's threads, in order, for batch work (demo population, imports)
   * that must not hold the request thread: the same stored form as `encrypt` and `blindIndex`.
   */
  async protectMany(pool: CpuPool, jobs: FieldJob[]): Promise<string[]> {
    if (jobs.length === 0) return [];
    const enc = this.keys.current('pii-enc');
    const index = this.keys.current('pii-index');
    return pool.run('field-protect', { encKey: enc.material, encVersion: enc.version, indexKey: index.material, jobs });
  }

  /** Throws if the value was altered, moved to another field, or is not an encrypted field. */
  async decrypt(stored: string, context: string): Promise<string> {
    const version = fieldKeyVersion(stored);
    if (version === null) throw new Error('not an encrypted field');
    const key = await this.keys.version('pii-enc', version);
    return openField(key.material, stored, context);
  }

  /**
   * Stored fields moved to the current key version on the CPU pool's threads (key rotation): opened with their own
   * version's key, sealed again with the current one, in order. Throws, like `decrypt`, on a value that does not open.
   */
  async resealMany(pool: CpuPool, values: string[], context: string): Promise<string[]> {
    if (values.length === 0) return [];
    const oldKeys: Record<number, Uint8Array> = {};
    for (const stored of values) {
      const version = fieldKeyVersion(stored);
      if (version === null) throw new Error('not an encrypted field');
      oldKeys[version] ??= (await this.keys.version('pii-enc', version)).material;
    }
    const current = this.keys.current('pii-enc');
    return pool.run('field-reseal', { oldKeys, newKey: current.material, newVersion: current.version, values, context });
  }

  async encryptNullable(value: string | null | undefined, context: string): Promise<string | null> {
    return value === null || value === undefined || value === '' ? null : this.encrypt(value, context);
  }

  /**
   * The blind index of a value: HMAC-SM3 over kind and the normalised value (upper-case, no spaces), so
   * equal values of one kind match and the same value of different kinds does not.
   */
  async blindIndex(value: string, kind: string): Promise<string> {
    return blindIndexOf(this.keys.current('pii-index').material, value, kind);
  }

  /** Each value sealed or indexed here, in order: the one-record form of `protectMany`. */
  async protect(jobs: FieldJob[]): Promise<string[]> {
    return Promise.all(jobs.map((j) => ('seal' in j ? this.encrypt(j.seal, j.context) : this.blindIndex(j.index, j.kind))));
  }

  async currentVersion(): Promise<number> {
    return this.keys.current('pii-enc').version;
  }
}
