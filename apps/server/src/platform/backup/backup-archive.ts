import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { constantTimeEqual, hmacSm3, hmacSm3Stream, sm3Stream, sm4CtrStream } from '@shtp/gm';
import type { DatabaseKind } from '../db/client.ts';
import type { MasterKey } from '../keys/master-key.ts';

/*
 * BR-1 backup archive: one file, encrypted and authenticated with keys derived from the master key, so nothing in the
 * archive (or beside it) is a key.
 *
 *   <header: one line of JSON, UTF-8, ending in \n>      what it is, which master key (its id), salt and IV
 *   <ciphertext: SM4-CTR of the dump>                   pg_dump custom format, or PGlite's data folder as .tar.gz
 *   <tag: 32 bytes HMAC-SM3 over header line ‖ ciphertext>
 *
 * Keys: enc = HMAC-SM3(KEK, "shtp-backup-enc|" ‖ salt)[0..16), mac = HMAC-SM3(KEK, "shtp-backup-mac|" ‖ salt), a fresh
 * 16-byte salt and IV per archive. Beside the archive, `<file>.sm3` holds the SM3 of the whole file (`<hex>  <name>`,
 * the layout of sha256sum) so that copies can be checked off-site without the key (`openssl dgst -sm3`).
 * Restore checks the SM3 file and the tag over the whole archive before a single byte is decrypted.
 */

export const BACKUP_FORMAT = 'shtp-backup/1';
export const BACKUP_EXTENSION = '.shbak';
const TAG_BYTES = 32;
const MAX_HEADER_BYTES = 4096;

export type BackupContent = 'pglite-datadir-tgz' | 'pg_dump-custom';

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  kind: DatabaseKind;
  content: BackupContent;
  createdAt: string;
  /** The newest migration of the database backed up. */
  migration: string;
  /** Which master key derives this archive's keys (its id, never the key). */
  kekId: string;
  salt: string;
  iv: string;
}

export type BackupMeta = Pick<BackupHeader, 'kind' | 'content' | 'createdAt' | 'migration'>;

export interface WrittenArchive {
  file: string;
  size: number;
  /** SM3 of the whole archive file, as written to `<file>.sm3`. */
  sm3: string;
}

/** A backup that cannot be written or restored; the message (Chinese) says why and what to do. */
export class BackupError extends Error {}

function archiveKeys(kek: MasterKey, salt: Buffer) {
  return {
    enc: hmacSm3(kek.key, Buffer.concat([Buffer.from('shtp-backup-enc|'), salt])).subarray(0, 16),
    mac: hmacSm3(kek.key, Buffer.concat([Buffer.from('shtp-backup-mac|'), salt])),
  };
}

export const sm3FileOf = (file: string) => `${file}.sm3`;

/**
 * Encrypts the dump as it arrives into `file` (written under a temporary name, flushed, then renamed: an archive is
 * complete or absent), then writes its SM3 file. A failing source leaves nothing behind.
 */
export async function writeArchive(file: string, meta: BackupMeta, kek: MasterKey, source: AsyncIterable<Uint8Array>): Promise<WrittenArchive> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const header: BackupHeader = { format: BACKUP_FORMAT, ...meta, kekId: kek.id, salt: salt.toString('hex'), iv: iv.toString('hex') };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const keys = archiveKeys(kek, salt);
  const cipher = sm4CtrStream(keys.enc, iv);
  const mac = hmacSm3Stream(keys.mac);
  const digest = sm3Stream();
  const partial = `${file}.partial`;
  const handle = await open(partial, 'wx', 0o600);
  let size = 0;
  const put = async (bytes: Buffer, authenticated = true) => {
    if (bytes.length === 0) return;
    if (authenticated) mac.update(bytes);
    digest.update(bytes);
    size += bytes.length;
    await handle.write(bytes);
  };
  try {
    await put(headerLine);
    for await (const chunk of source) await put(cipher.update(chunk));
    await put(cipher.final());
    await put(mac.digest(), false);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(partial, { force: true });
    throw e;
  }
  await handle.close();
  await rename(partial, file);
  const sm3 = digest.digest('hex');
  await writeFile(sm3FileOf(file), `${sm3}  ${path.basename(file)}\n`, { mode: 0o600 });
  return { file, size, sm3 };
}

const isHex = (v: unknown, bytes: number) => typeof v === 'string' && new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(v);

/** The header of an archive (readable without the key), and where the ciphertext starts. */
export async function readArchiveHeader(file: string): Promise<{ header: BackupHeader; headerBytes: number; size: number }> {
  const { size } = await stat(file);
  const handle = await open(file, 'r');
  const head = Buffer.alloc(Math.min(MAX_HEADER_BYTES, size));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const end = head.indexOf(0x0a);
  let header: Partial<BackupHeader> | undefined;
  try {
    header = end > 0 ? (JSON.parse(head.subarray(0, end).toString('utf8')) as Partial<BackupHeader>) : undefined;
  } catch {
    header = undefined;
  }
  const valid =
    header?.format === BACKUP_FORMAT &&
    (header.kind === 'pglite' || header.kind === 'postgresql') &&
    (header.content === 'pglite-datadir-tgz' || header.content === 'pg_dump-custom') &&
    typeof header.createdAt === 'string' &&
    typeof header.migration === 'string' &&
    typeof header.kekId === 'string' &&
    isHex(header.salt, 16) &&
    isHex(header.iv, 16);
  if (!valid || size < end + 1 + TAG_BYTES) throw new BackupError(`不是本系统的备份文件（格式须为 ${BACKUP_FORMAT}）：${file}`);
  return { header: header as BackupHeader, headerBytes: end + 1, size };
}

/** Reads [start, end] (inclusive) of a file in chunks. */
const chunksOf = (file: string, start: number, end: number): AsyncIterable<Buffer> =>
  end < start ? (async function* () {})() : createReadStream(file, { start, end, highWaterMark: 1 << 20 });

export interface OpenedArchive {
  header: BackupHeader;
  /** The decrypted dump, chunk by chunk (only after the whole archive was authenticated). */
  plaintext(): AsyncIterable<Buffer>;
}

/**
 * Checks an archive before anything is restored: the master key is the one it was made with, the SM3 file (when
 * present) matches, and the HMAC-SM3 tag covers header and ciphertext. Any failure throws BackupError.
 */
export async function openArchive(file: string, kek: MasterKey): Promise<OpenedArchive> {
  const { header, headerBytes, size } = await readArchiveHeader(file);
  if (header.kekId !== kek.id) {
    throw new BackupError(`该备份由另一主密钥加密（主密钥标识 ${header.kekId}，当前为 ${kek.id}）：请用备份时的主密钥（MASTER_KEY / MASTER_KEY_FILE）恢复`);
  }
  const keys = archiveKeys(kek, Buffer.from(header.salt, 'hex'));
  const mac = hmacSm3Stream(keys.mac);
  const digest = sm3Stream();
  for await (const chunk of chunksOf(file, 0, size - TAG_BYTES - 1)) {
    mac.update(chunk);
    digest.update(chunk);
  }
  const tag = Buffer.alloc(TAG_BYTES);
  const handle = await open(file, 'r');
  try {
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  digest.update(tag);
  const recorded = await readFile(sm3FileOf(file), 'utf8').catch(() => null);
  if (recorded !== null && recorded.trim().split(/\s+/)[0] !== digest.digest('hex')) {
    throw new BackupError(`备份文件与其 SM3 校验文件不符（${path.basename(sm3FileOf(file))}）：文件不完整或被改动，未恢复任何数据`);
  }
  if (!constantTimeEqual(mac.digest(), tag)) {
    throw new BackupError('备份文件校验失败（HMAC-SM3 不符）：文件损坏、不完整或被改动，未恢复任何数据');
  }
  return {
    header,
    async *plaintext() {
      const decipher = sm4CtrStream(keys.enc, Buffer.from(header.iv, 'hex'));
      for await (const chunk of chunksOf(file, headerBytes, size - TAG_BYTES - 1)) yield decipher.update(chunk);
      const rest = decipher.final();
      if (rest.length) yield rest;
    },
  };
}
