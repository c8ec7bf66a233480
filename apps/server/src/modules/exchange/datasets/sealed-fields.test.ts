import { sm2GenerateKeyPair } from '@shtp/gm';
import { describe, expect, it } from 'vitest';
import { openSealed, sealFields } from './sealed-fields.ts';

describe('sealed fields', () => {
  const receiver = sm2GenerateKeyPair();
  const record = { preregNo: 'YD2026120300000000AA', idNumber: '11010519491231002X', name: '张三', phone: null };

  it('keeps only ciphertext of the sealed fields; the receiver opens them', () => {
    const sealed = sealFields(record, ['idNumber', 'name', 'phone'], receiver.publicKey);
    expect(sealed.preregNo).toBe(record.preregNo);
    expect(sealed.phone).toBeNull();
    expect(JSON.stringify(sealed)).not.toContain('11010519491231002X');
    expect(JSON.stringify(sealed)).not.toContain('张三');
    expect(openSealed(sealed, ['idNumber', 'name', 'phone'], receiver.privateKey)).toEqual(record);
  });

  it('refuses a field that did not cross sealed, or sealed to another key', () => {
    expect(() => openSealed(record, ['idNumber'], receiver.privateKey)).toThrow('did not cross sealed');
    const other = sm2GenerateKeyPair();
    expect(() => openSealed(sealFields(record, ['name'], other.publicKey), ['name'], receiver.privateKey)).toThrow();
  });
});
