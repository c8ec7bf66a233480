import { randomBytes, randomUUID } from 'node:crypto';
import { aeadOpen, aeadSeal, sm2Decrypt, sm2Encrypt, sm2Sign, sm2Verify, sm3Hex } from '@shtp/gm';
import canonicalizeModule from 'canonicalize';
import { z } from 'zod';

/*
 * An exchange package (G11), format version 1: three files with the package ID as their stem.
 *   <id>.manifest.json  { manifest, signature }  — the sender's SM2 signature (hex, DER) over the canonical JSON (RFC 8785)
 *                                                  of the manifest
 *   <id>.payload        aeadSeal(SM4 key, JSONL, aad = package ID) — the SM4 key is fresh per package, SM2-encrypted
 *                                                  to the receiver's key (manifest.encryptedKey)
 *   <id>.done           the completion marker, written last (the receiver ignores a package without it)
 * One JSONL line = one record { key, version, data }: the receiver keeps the highest version per business key.
 */

export const PACKAGE_FORMAT = 'SHTP-EXCHANGE';
export const PACKAGE_VERSION = 1;

const FileSchema = z.strictObject({ name: z.string().regex(/^[\w.-]+$/), bytes: z.number().int().min(0), sm3: z.string().regex(/^[0-9a-f]{64}$/) });

export const ManifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(PACKAGE_VERSION),
  packageId: z.string().regex(/^[0-9a-f-]{36}$/),
  channel: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
  businessType: z.string().min(1).max(60),
  schemaVersion: z.number().int().min(1),
  sequence: z.number().int().min(1),
  previousSequence: z.number().int().min(0),
  sender: z.string().min(1).max(100),
  recipient: z.string().min(1).max(100),
  createdAt: z.string(),
  recordCount: z.number().int().min(0),
  encryptedKey: z.string().regex(/^[0-9a-f]+$/),
  files: z.array(FileSchema).length(1),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const RecordLineSchema = z.strictObject({ key: z.string().min(1).max(200), version: z.number().int().min(0), data: z.record(z.string(), z.unknown()) });
export type ExchangeRecord = z.infer<typeof RecordLineSchema>;

/**
 * One JSONL line of a record whose data is already JSON text (a jsonb object as PostgreSQL prints it): the sealing side
 * skips parsing and re-stringifying every record (issue #18). The same line, parsed, is `{ key, version, data }`.
 */
export const recordLine = (key: string, version: number, dataJson: string): string =>
  `{"key":${JSON.stringify(key)},"version":${JSON.stringify(version)},"data":${dataJson}}`;

export type SealInput = {
  channel: string;
  businessType: string;
  schemaVersion: number;
  sequence: number;
  previousSequence: number;
  sender: { keyId: string; privateKey: string };
  recipient: { keyId: string; publicKey: string };
  now?: Date;
} & ({ records: readonly ExchangeRecord[] } | { lines: readonly string[] });

export interface SealedPackage {
  manifest: Manifest;
  /** The manifest file's content. */
  manifestFile: string;
  payload: Buffer;
}

export const payloadFileName = (packageId: string) => `${packageId}.payload`;
export const manifestFileName = (packageId: string) => `${packageId}.manifest.json`;
export const markerFileName = (packageId: string) => `${packageId}.done`;

// The package's types are CommonJS-shaped (as in platform/signing/record-signer.ts).
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

const canonical = (manifest: Manifest) => {
  const text = canonicalize(manifest);
  if (text === undefined) throw new Error('manifest cannot be canonicalized');
  return text;
};

/** Seals records into a package: JSONL → SM4 (fresh key) → key SM2-encrypted to the receiver → manifest signed by the sender. */
export function sealPackage(input: SealInput): SealedPackage {
  const packageId = randomUUID();
  const lines = 'lines' in input ? input.lines : input.records.map((r) => JSON.stringify(r));
  const jsonl = lines.join('\n');
  const key = randomBytes(16);
  const payload = aeadSeal(key, jsonl, Buffer.from(packageId));
  const encryptedKey = sm2Encrypt(key, input.recipient.publicKey).toString('hex');
  key.fill(0);
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_VERSION,
    packageId,
    channel: input.channel,
    businessType: input.businessType,
    schemaVersion: input.schemaVersion,
    sequence: input.sequence,
    previousSequence: input.previousSequence,
    sender: input.sender.keyId,
    recipient: input.recipient.keyId,
    createdAt: (input.now ?? new Date()).toISOString(),
    recordCount: lines.length,
    encryptedKey,
    files: [{ name: payloadFileName(packageId), bytes: payload.length, sm3: sm3Hex(payload) }],
  };
  const signature = sm2Sign(canonical(manifest), input.sender.privateKey).toString('hex');
  return { manifest, manifestFile: JSON.stringify({ manifest, signature }), payload };
}

/** Why a package is refused: the quarantine reason shown to the operators (Chinese, no personal data). */
export class PackageRejected extends Error {}

/** The manifest, read and its signature checked — nothing in it is trusted before. */
export function verifyManifest(manifestFile: string, senderPublicKey: string, ownKeyId: string): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestFile);
  } catch {
    throw new PackageRejected('清单不是有效的 JSON');
  }
  const envelope = z.strictObject({ manifest: ManifestSchema, signature: z.string().regex(/^[0-9a-f]+$/) }).safeParse(parsed);
  if (!envelope.success) throw new PackageRejected(`清单结构无效：${envelope.error.issues[0]?.path.join('.') ?? ''}`);
  const { manifest, signature } = envelope.data;
  if (!sm2Verify(canonical(manifest), Buffer.from(signature, 'hex'), senderPublicKey)) throw new PackageRejected('清单签名验证失败（被篡改或发送方不符）');
  if (manifest.recipient !== ownKeyId) throw new PackageRejected(`接收方不符：数据包发给 ${manifest.recipient}`);
  if (manifest.previousSequence !== manifest.sequence - 1) throw new PackageRejected('清单中的前序号与序号不连续');
  return manifest;
}

/** A package's records, each with its JSONL line as it arrived (`lines[i]` is `records[i]` before parsing). */
export interface OpenedPayload {
  records: ExchangeRecord[];
  lines: string[];
}

/** The records of a package whose manifest was verified: size and SM3 of the payload, then decryption and each line. */
export function openPayload(manifest: Manifest, payload: Buffer, ownPrivateKey: string): ExchangeRecord[] {
  return openPayloadLines(manifest, payload, ownPrivateKey).records;
}

/** As openPayload, keeping the lines: the receiver stores each record's data from its line, not re-stringified. */
export function openPayloadLines(manifest: Manifest, payload: Buffer, ownPrivateKey: string): OpenedPayload {
  const file = manifest.files[0];
  if (!file) throw new PackageRejected('清单未列出数据文件');
  if (payload.length !== file.bytes) throw new PackageRejected(`数据文件大小不符：清单 ${file.bytes} 字节，实际 ${payload.length} 字节`);
  if (sm3Hex(payload) !== file.sm3) throw new PackageRejected('数据文件 SM3 摘要不符（传输中被改动）');
  let key: Buffer;
  try {
    key = sm2Decrypt(Buffer.from(manifest.encryptedKey, 'hex'), ownPrivateKey);
  } catch {
    throw new PackageRejected('本方私钥无法解开会话密钥（接收方不符）');
  }
  let jsonl: string;
  try {
    jsonl = aeadOpen(key, payload, Buffer.from(manifest.packageId)).toString('utf8');
  } catch {
    throw new PackageRejected('数据文件解密认证失败');
  } finally {
    key.fill(0);
  }
  const lines = jsonl === '' ? [] : jsonl.split('\n');
  if (lines.length !== manifest.recordCount) throw new PackageRejected(`记录数不符：清单 ${manifest.recordCount} 条，实际 ${lines.length} 条`);
  const records = lines.map((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new PackageRejected(`第 ${i + 1} 条记录不是有效的 JSON`);
    }
    const record = RecordLineSchema.safeParse(value);
    if (!record.success) throw new PackageRejected(`第 ${i + 1} 条记录结构无效`);
    return record.data;
  });
  return { records, lines };
}
