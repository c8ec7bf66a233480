import { randomBytes, randomUUID } from 'node:crypto';
import { aeadOpen, aeadSeal, sm2Decrypt, sm2Encrypt, sm2Sign, sm2Verify, sm3Hex } from '@shtp/gm';
import canonicalizeModule from 'canonicalize';
import { z } from 'zod';

/*
 * An exchange package (G11). Format version 1: three files with the package ID as their stem.
 *   <id>.manifest.json  { manifest, signature }  — the sender's SM2 signature (hex, DER) over the canonical JSON (RFC 8785)
 *                                                  of the manifest
 *   <id>.payload        aeadSeal(SM4 key, JSONL, aad = package ID) — the SM4 key is fresh per package, SM2-encrypted
 *                                                  to the receiver's key (manifest.encryptedKey)
 *   <id>.done           the completion marker, written last (the receiver ignores a package without it)
 * One JSONL line = one record { key, version, data }: the receiver keeps the highest version per business key.
 *
 * Format version 2 (a package that carries files, e.g. the photos of a 网上预登记): the same, plus one file per
 * attachment, written before the manifest:
 *   <id>.att<n>         aeadSeal(the package's SM4 key, content, aad = "<package ID>:<content SM3>")
 * listed in the signed manifest (`attachments`) with the size and SM3 of the file as it lies in the folder (the
 * ciphertext: checked before anything is decrypted, as the payload's) and the SM3, size and type of the content (the
 * plaintext: checked after decryption; it is the content's name in the receiver's blob store, and the records name
 * their attachments by it). A package without attachments is sealed in format 1, which every receiver reads.
 */

export const PACKAGE_FORMAT = 'SHTP-EXCHANGE';
/** The newest format this code writes and reads (it reads every earlier one). */
export const PACKAGE_VERSION = 2;

const SM3_HEX = /^[0-9a-f]{64}$/;
const FileSchema = z.strictObject({ name: z.string().regex(/^[\w.-]+$/), bytes: z.number().int().min(0), sm3: z.string().regex(SM3_HEX) });
const AttachmentSchema = FileSchema.extend({
  contentSm3: z.string().regex(SM3_HEX),
  contentBytes: z.number().int().min(0),
  mime: z.string().regex(/^[a-z]+\/[\w.+-]+$/),
});
export type AttachmentEntry = z.infer<typeof AttachmentSchema>;

const manifestFields = {
  format: z.literal(PACKAGE_FORMAT),
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
};
export const ManifestSchema = z.discriminatedUnion('formatVersion', [
  z.strictObject({ ...manifestFields, formatVersion: z.literal(1) }),
  z.strictObject({ ...manifestFields, formatVersion: z.literal(2), attachments: z.array(AttachmentSchema).min(1).max(10_000) }),
]);
export type Manifest = z.infer<typeof ManifestSchema>;

/** An attachment's content as the sender hands it over (from its blob store) and the receiver gets it back. */
export interface Attachment {
  content: Buffer;
  mime: string;
}
/** An opened attachment: its content with the SM3 it is named by. */
export interface OpenedAttachment extends Attachment {
  sm3: string;
}

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
  /** Files the records name by their SM3 (format 2); none: format 1. The same content twice travels once. */
  attachments?: readonly Attachment[];
} & ({ records: readonly ExchangeRecord[] } | { lines: readonly string[] });

export interface SealedPackage {
  manifest: Manifest;
  /** The manifest file's content. */
  manifestFile: string;
  payload: Buffer;
  /** The attachment files (encrypted), in the manifest's order. */
  attachments: { name: string; data: Buffer }[];
}

/** All bytes of a package's data files (payload and attachments): what the size limit per package is checked against. */
export const packageBytes = (m: Pick<Manifest, 'files'> & { attachments?: readonly { bytes: number }[] }): number =>
  (m.files[0]?.bytes ?? 0) + (m.attachments ?? []).reduce((sum, a) => sum + a.bytes, 0);

export const payloadFileName = (packageId: string) => `${packageId}.payload`;
export const attachmentFileName = (packageId: string, index: number) => `${packageId}.att${index + 1}`;
const attachmentAad = (packageId: string, contentSm3: string) => Buffer.from(`${packageId}:${contentSm3}`);
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
  const unique = new Map<string, Attachment>();
  for (const a of input.attachments ?? []) unique.set(sm3Hex(a.content), a);
  const attachments = [...unique].map(([contentSm3, a], i) => {
    const data = aeadSeal(key, a.content, attachmentAad(packageId, contentSm3));
    const entry: AttachmentEntry = {
      name: attachmentFileName(packageId, i),
      bytes: data.length,
      sm3: sm3Hex(data),
      contentSm3,
      contentBytes: a.content.length,
      mime: a.mime,
    };
    return { entry, data };
  });
  key.fill(0);
  const fields: Omit<Manifest, 'formatVersion'> = {
    format: PACKAGE_FORMAT,
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
  const manifest: Manifest =
    attachments.length === 0 ? { ...fields, formatVersion: 1 } : { ...fields, formatVersion: 2, attachments: attachments.map((a) => a.entry) };
  const signature = sm2Sign(canonical(manifest), input.sender.privateKey).toString('hex');
  return {
    manifest,
    manifestFile: JSON.stringify({ manifest, signature }),
    payload,
    attachments: attachments.map((a) => ({ name: a.entry.name, data: a.data })),
  };
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
  if (manifest.files[0]?.name !== payloadFileName(manifest.packageId)) throw new PackageRejected('清单中的数据文件名与数据包编号不符');
  const attachments = manifest.formatVersion === 2 ? manifest.attachments : [];
  if (attachments.some((a, i) => a.name !== attachmentFileName(manifest.packageId, i))) throw new PackageRejected('清单中的附件文件名与数据包编号不符');
  if (new Set(attachments.map((a) => a.contentSm3)).size !== attachments.length) throw new PackageRejected('清单中的附件重复');
  return manifest;
}

/** A package's records, each with its JSONL line as it arrived (`lines[i]` is `records[i]` before parsing), and its attachments. */
export interface OpenedPayload {
  records: ExchangeRecord[];
  lines: string[];
  /** Format 2: the attachments, checked against the manifest (none in format 1). */
  attachments: OpenedAttachment[];
}

/** The records of a package whose manifest was verified: size and SM3 of the payload, then decryption and each line. */
export function openPayload(manifest: Manifest, payload: Buffer, ownPrivateKey: string): ExchangeRecord[] {
  return openPayloadLines(manifest, payload, ownPrivateKey).records;
}

/**
 * As openPayload, keeping the lines (the receiver stores each record's data from its line, not re-stringified), and
 * opening the attachments (format 2): `attachmentFiles[i]` is the file of `manifest.attachments[i]`, null when missing.
 * Every file's size and SM3 is checked before anything is decrypted, every attachment's content SM3 after.
 */
export function openPayloadLines(manifest: Manifest, payload: Buffer, ownPrivateKey: string, attachmentFiles: readonly (Buffer | null)[] = []): OpenedPayload {
  const file = manifest.files[0];
  if (!file) throw new PackageRejected('清单未列出数据文件');
  checkFile('数据文件', file, payload);
  const entries = manifest.formatVersion === 2 ? manifest.attachments : [];
  for (const [i, entry] of entries.entries()) checkFile(`附件 ${entry.name} `, entry, attachmentFiles[i] ?? null);
  let key: Buffer;
  try {
    key = sm2Decrypt(Buffer.from(manifest.encryptedKey, 'hex'), ownPrivateKey);
  } catch {
    throw new PackageRejected('本方私钥无法解开会话密钥（接收方不符）');
  }
  let jsonl: string;
  const attachments: OpenedAttachment[] = [];
  try {
    try {
      jsonl = aeadOpen(key, payload, Buffer.from(manifest.packageId)).toString('utf8');
    } catch {
      throw new PackageRejected('数据文件解密认证失败');
    }
    for (const [i, entry] of entries.entries()) attachments.push(openAttachment(manifest.packageId, entry, attachmentFiles[i] as Buffer, key));
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
  return { records, lines, attachments };
}

/** A file as it lies in the folder against its manifest entry: present, its size, its SM3 (before any decryption). */
function checkFile(label: string, entry: { bytes: number; sm3: string }, data: Buffer | null): void {
  if (!data) throw new PackageRejected(`${label}缺失`);
  if (data.length !== entry.bytes) throw new PackageRejected(`${label}大小不符：清单 ${entry.bytes} 字节，实际 ${data.length} 字节`);
  if (sm3Hex(data) !== entry.sm3) throw new PackageRejected(`${label.trimEnd()} SM3 摘要不符（传输中被改动）`);
}

function openAttachment(packageId: string, entry: AttachmentEntry, data: Buffer, key: Buffer): OpenedAttachment {
  let content: Buffer;
  try {
    content = aeadOpen(key, data, attachmentAad(packageId, entry.contentSm3));
  } catch {
    throw new PackageRejected(`附件 ${entry.name} 解密认证失败`);
  }
  if (content.length !== entry.contentBytes || sm3Hex(content) !== entry.contentSm3) throw new PackageRejected(`附件 ${entry.name} 内容与清单不符`);
  return { content, mime: entry.mime, sm3: entry.contentSm3 };
}
