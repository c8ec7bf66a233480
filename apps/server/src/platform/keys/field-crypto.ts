import { aeadOpen, aeadSeal, hmacSm3 } from '@shtp/gm';
import type { KeySpec } from './key-types.ts';
import type { KeyStore } from './keystore.ts';

export const PII_KEYS: KeySpec[] = [
  { purpose: 'pii-enc', algorithm: 'SM4', label: '个人信息字段加密密钥（SM4）', rotatable: true },
  { purpose: 'pii-index', algorithm: 'HMAC-SM3', label: '个人信息盲索引密钥（HMAC-SM3）', rotatable: false },
];

const PREFIX = 'f1';

/** The key version inside a stored field, or null when the value is not an encrypted field. */
export function fieldKeyVersion(stored: string): number | null {
  const m = /^f1\.(\d+)\./.exec(stored);
  return m ? Number(m[1]) : null;
}

/**
 * Field-level protection of personal data (C4): each value SM4-encrypted (authenticated, bound to its
 * table and column so a ciphertext cannot be moved to another field) as `f1.<keyVersion>.<base64>`, and an
 * HMAC-SM3 blind index of the normalised value for exact search. Modules use this; none hand-rolls it.
 */
export class FieldCrypto {
  constructor(private readonly keys: KeyStore) {}

  async encrypt(value: string, context: string): Promise<string> {
    const key = this.keys.current('pii-enc');
    const sealed = aeadSeal(key.material, Buffer.from(value, 'utf8'), Buffer.from(context));
    return `${PREFIX}.${key.version}.${sealed.toString('base64')}`;
  }

  /** Throws if the value was altered, moved to another field, or is not an encrypted field. */
  async decrypt(stored: string, context: string): Promise<string> {
    const version = fieldKeyVersion(stored);
    if (version === null) throw new Error('not an encrypted field');
    const key = await this.keys.version('pii-enc', version);
    const body = stored.slice(stored.indexOf('.', PREFIX.length + 1) + 1);
    return aeadOpen(key.material, Buffer.from(body, 'base64'), Buffer.from(context)).toString('utf8');
  }

  async encryptNullable(value: string | null | undefined, context: string): Promise<string | null> {
    return value === null || value === undefined || value === '' ? null : this.encrypt(value, context);
  }

  /**
   * The blind index of a value: HMAC-SM3 over kind and the normalised value (upper-case, no spaces), so
   * equal values of one kind match and the same value of different kinds does not.
   */
  async blindIndex(value: string, kind: string): Promise<string> {
    const key = this.keys.current('pii-index');
    const normalised = value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    return hmacSm3(key.material, Buffer.from(`${kind}\u0000${normalised}`, 'utf8')).toString('hex');
  }

  async currentVersion(): Promise<number> {
    return this.keys.current('pii-enc').version;
  }
}
