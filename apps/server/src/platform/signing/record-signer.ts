import { sm2Sign, sm2Verify } from '@shtp/gm';
import canonicalizeModule from 'canonicalize';
import type { DbOrTx } from '../db/client.ts';
import type { KeySpec } from '../keys/key-types.ts';
import type { KeyStore } from '../keys/keystore.ts';
import type { Principal } from '../rbac/rbac.repository.ts';
import type { CpuPool } from '../workers/cpu-pool.ts';

// The CommonJS package's typings declare an ES default export; at run time the module itself is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** C5: rotation makes a new signing key; older versions stay to verify what they signed (no re-signing). */
export const RECORD_SIGN_KEY: KeySpec = { purpose: 'record-sign', algorithm: 'SM2', label: '重要记录签名密钥（SM2）', rotatable: true };

/** The SM2 signer ID (Z_A) of record signatures; an outside verifier passes it as `distid`. */
export const RECORD_SIGN_USER_ID = 'shtp-record';
export const RECORD_SIGN_ALGORITHM = 'SM2-with-SM3' as const;

export const recordSignKeyId = (version: number) => `${RECORD_SIGN_KEY.purpose}:${version}`;

export interface RecordSignature {
  /** base64 of the DER `SEQUENCE{r, s}`. */
  signature: string;
  keyVersion: number;
}

/** What a module's loader returns for one signed record: the signed fields as stored now, and the signature. */
export interface SignedRecord extends RecordSignature {
  fields: Record<string, unknown>;
  signedAt: Date | string;
  /** Who the record was signed for (user name or display name). */
  signedBy: string | null;
}

/** A kind of signed record, registered by its module so that `GET /api/signatures/:type/:id` can verify it. */
export interface SignedRecordType {
  type: string;
  /** Chinese name for the console (e.g. 事故认定书). */
  label: string;
  /** Reading a signature needs the permission of reading the record. */
  permission: string;
  load(db: DbOrTx, id: string): Promise<SignedRecord | null>;
  /** Why the caller may not see this record (data scope, security label), or null; absent: the permission suffices. */
  reach?(db: DbOrTx, principal: Principal, id: string): Promise<string | null>;
  /** Ids of the stored signed records after `after`, in id order, at most `limit`: lets `verifyAll` walk them all. */
  list?(db: DbOrTx, after: string | null, limit: number): Promise<string[]>;
}

export interface SignatureSweep {
  checked: number;
  /** Records whose signature does not verify (changed, unsigned or signed with an unknown key), first MAX_INVALID. */
  invalid: { type: string; id: string }[];
}

const MAX_INVALID = 1000;

/**
 * The exact bytes signed: RFC 8785 (JCS) canonical JSON of `{"fields":…,"id":…,"type":…}` — keys sorted at
 * every level, no whitespace, Date values as their ISO 8601 UTF string (`toJSON`), undefined members left
 * out. Numbers must be finite; bigint is not accepted (store it as a string).
 */
export function canonicalRecord(type: string, id: string, fields: Record<string, unknown>): string {
  const text = canonicalize({ type, id, fields });
  if (text === undefined) throw new Error('record cannot be serialised');
  return text;
}

/**
 * Signs important records (C5, 重要数据完整性/不可否认) with the platform's SM2 `record-sign` key over
 * `canonicalRecord(...)`, SM3 with signer ID `shtp-record`. `sign` is synchronous and reads no database, so
 * it runs inside any transaction: sign the fields in the transaction that writes them.
 */
export class RecordSigner {
  private readonly types = new Map<string, SignedRecordType>();

  constructor(private readonly keys: KeyStore) {}

  registerType(t: SignedRecordType): void {
    if (this.types.has(t.type)) throw new Error(`signed record type ${t.type} registered twice`);
    this.types.set(t.type, t);
  }

  type(type: string): SignedRecordType | undefined {
    return this.types.get(type);
  }

  sign(type: string, id: string, fields: Record<string, unknown>): RecordSignature {
    const key = this.keys.current(RECORD_SIGN_KEY.purpose);
    const pair = { privateKey: key.material.toString('hex'), publicKey: key.publicKey! };
    const der = sm2Sign(canonicalRecord(type, id, fields), pair, { userId: RECORD_SIGN_USER_ID });
    return { signature: der.toString('base64'), keyVersion: key.version };
  }

  /**
   * Signs many records of one type on the CPU pool's threads (background work such as the demo population: the
   * signatures, not the event loop, take the time). Same signatures as `sign`, in the order of `records`.
   */
  async signMany(pool: CpuPool, type: string, records: { id: string; fields: Record<string, unknown> }[]): Promise<RecordSignature[]> {
    const key = this.keys.current(RECORD_SIGN_KEY.purpose);
    const signatures = await pool.run('sm2-sign', {
      privateKey: key.material.toString('hex'),
      publicKey: key.publicKey!,
      userId: RECORD_SIGN_USER_ID,
      messages: records.map((r) => canonicalRecord(type, r.id, r.fields)),
    });
    return signatures.map((signature) => ({ signature, keyVersion: key.version }));
  }

  /** False — never a throw — for a changed record, a malformed signature or an unknown key version. */
  async verify(type: string, id: string, fields: Record<string, unknown>, signature: string, keyVersion: number): Promise<boolean> {
    try {
      const key = await this.keys.version(RECORD_SIGN_KEY.purpose, keyVersion);
      if (!key.publicKey) return false;
      return sm2Verify(canonicalRecord(type, id, fields), Buffer.from(signature, 'base64'), key.publicKey, { userId: RECORD_SIGN_USER_ID });
    } catch {
      return false;
    }
  }

  /** Verifies every stored record of every type that can list its records (e.g. after a restore, BR-1). */
  async verifyAll(db: DbOrTx, pageSize = 500): Promise<SignatureSweep> {
    const sweep: SignatureSweep = { checked: 0, invalid: [] };
    for (const t of this.types.values()) {
      if (!t.list) continue;
      let after: string | null = null;
      for (let ids = await t.list(db, after, pageSize); ids.length > 0; ids = await t.list(db, after, pageSize)) {
        for (const id of ids) {
          const record = await t.load(db, id);
          const valid = record !== null && (await this.verify(t.type, id, record.fields, record.signature, record.keyVersion));
          sweep.checked++;
          if (!valid && sweep.invalid.length < MAX_INVALID) sweep.invalid.push({ type: t.type, id });
        }
        after = ids.at(-1) ?? null;
      }
    }
    return sweep;
  }

  publicKeys() {
    return this.keys.publicKeys(RECORD_SIGN_KEY.purpose).map((k) => ({ ...k, keyId: recordSignKeyId(k.version) }));
  }
}
