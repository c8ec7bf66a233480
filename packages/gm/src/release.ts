import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import canonicalizeModule from 'canonicalize';
import { GmError } from './errors.ts';
import { sm2PublicKeyId } from './keys.ts';
import { sm2PublicKeyOf, sm2Sign, sm2Verify } from './sm2.ts';

/*
 * C3 executable signing: a release manifest lists every shipped file with its SM3 digest and size, and is signed
 * with SM2 (ID 'shtp-release') over the RFC 8785 (JCS) canonical JSON of every field except `signature`.
 *
 *   { "format": "shtp-release-manifest/1", "version": "0.1.0+abc1234", "createdAt": "2025-…Z",
 *     "files": [{ "path": "apps/server/src/main.ts", "sm3": "<64 hex>", "size": 1234 }, …],   // sorted by path
 *     "signerKeyId": "<SM3 hex of the signer's SubjectPublicKeyInfo DER>", "signature": "<base64 DER SM2>" }
 */

// The CommonJS package's typings declare an ES default export; at run time the module itself is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export const RELEASE_MANIFEST_FORMAT = 'shtp-release-manifest/1';
export const RELEASE_SIGNER_ID = 'shtp-release';

export interface ReleaseFileEntry {
  path: string;
  sm3: string;
  size: number;
}

export interface ReleaseManifest {
  format: typeof RELEASE_MANIFEST_FORMAT;
  version: string;
  createdAt: string;
  files: ReleaseFileEntry[];
  signerKeyId: string;
  signature: string;
}

export type ReleaseProblemReason = 'missing' | 'changed' | 'unlisted' | 'bad-signature' | 'wrong-key' | 'malformed';

export interface ReleaseProblem {
  /** The file concerned (relative, POSIX), or the manifest's own name for signature/format problems. */
  path: string;
  reason: ReleaseProblemReason;
  /** One line in Chinese for the operator. */
  message: string;
}

export interface ReleaseVerification {
  ok: boolean;
  problems: ReleaseProblem[];
  /** The manifest when it could be parsed (even if its signature failed). */
  manifest?: ReleaseManifest;
}

/** The bytes that are signed: canonical JSON of the manifest without its signature. */
function signedBytes(manifest: Omit<ReleaseManifest, 'signature'>): Buffer {
  const { format, version, createdAt, files, signerKeyId } = manifest;
  return Buffer.from(canonicalize({ format, version, createdAt, files, signerKeyId }) ?? '', 'utf8');
}

/** A relative POSIX path that stays inside the root (no absolute paths, `..`, empty or `.` segments, backslashes). */
const isSafeRelativePath = (p: string) =>
  p.length > 0 && !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');

/** SM3 and size of one file, streamed (build output can be large). */
async function digestFile(file: string): Promise<{ sm3: string; size: number }> {
  const hash = createHash('sm3');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sm3: hash.digest('hex'), size };
}

export interface CreateReleaseOptions {
  /** Folder the paths are relative to. */
  root: string;
  /** Relative POSIX paths of the shipped files. */
  files: readonly string[];
  /** Release signing private key (hex). */
  privateKey: string;
  version: string;
  now?: () => Date;
}

/** Hashes the files and signs the manifest. A listed file that cannot be read is an error (nothing half-signed). */
export async function createReleaseManifest(opts: CreateReleaseOptions): Promise<ReleaseManifest> {
  const paths = [...new Set(opts.files)].sort();
  const bad = paths.find((p) => !isSafeRelativePath(p));
  if (bad !== undefined) throw new GmError('INVALID_INPUT', `文件路径须为根目录内的相对路径：${bad}`);
  const files: ReleaseFileEntry[] = [];
  for (const p of paths) {
    try {
      files.push({ path: p, ...(await digestFile(path.join(opts.root, p))) });
    } catch (e) {
      throw new GmError('INVALID_INPUT', `无法读取待签名文件：${p}`, { cause: e });
    }
  }
  const body = {
    format: RELEASE_MANIFEST_FORMAT,
    version: opts.version,
    createdAt: (opts.now?.() ?? new Date()).toISOString(),
    files,
    signerKeyId: sm2PublicKeyId(sm2PublicKeyOf(opts.privateKey)),
  } as const;
  const signature = sm2Sign(signedBytes(body), opts.privateKey, { userId: RELEASE_SIGNER_ID }).toString('base64');
  return { ...body, signature };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and shape-checks a manifest; GmError('MALFORMED') naming the first problem. */
export function parseReleaseManifest(text: string | Buffer): ReleaseManifest {
  let m: unknown;
  try {
    m = JSON.parse(text.toString());
  } catch (e) {
    throw new GmError('MALFORMED', '发布清单不是合法的 JSON', { cause: e });
  }
  if (!isObject(m) || m.format !== RELEASE_MANIFEST_FORMAT) throw new GmError('MALFORMED', `发布清单格式须为 ${RELEASE_MANIFEST_FORMAT}`);
  for (const field of ['version', 'createdAt', 'signerKeyId', 'signature'] as const) {
    if (typeof m[field] !== 'string') throw new GmError('MALFORMED', `发布清单缺少字段 ${field}`);
  }
  if (!Array.isArray(m.files)) throw new GmError('MALFORMED', '发布清单缺少文件列表 files');
  const seen = new Set<string>();
  for (const f of m.files as unknown[]) {
    if (!isObject(f) || typeof f.path !== 'string' || typeof f.sm3 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sm3) || !Number.isSafeInteger(f.size)) {
      throw new GmError('MALFORMED', '发布清单的文件条目须为 {path, sm3（64 位十六进制）, size}');
    }
    if (!isSafeRelativePath(f.path)) throw new GmError('MALFORMED', `发布清单含不安全的路径：${f.path}`);
    if (seen.has(f.path)) throw new GmError('MALFORMED', `发布清单重复列出：${f.path}`);
    seen.add(f.path);
  }
  return m as unknown as ReleaseManifest;
}

export interface VerifyReleaseOptions {
  root: string;
  /** The manifest (parsed or its JSON text). */
  manifest: ReleaseManifest | string | Buffer;
  /** Name used for manifest-level problems (default 'release-manifest.json'). */
  manifestName?: string;
  /** Trusted release public key (hex). */
  publicKey: string;
  /** Files that exist and should be listed (e.g. listShippedFilesOnDisk); any not in the manifest is 'unlisted'. */
  present?: readonly string[];
}

/**
 * Checks the signer, the signature and every listed file's size and SM3, and reports files present but unlisted.
 * Never throws for a bad release: everything wrong is a problem naming its path, so an operator sees all of it at once.
 */
export async function verifyReleaseManifest(opts: VerifyReleaseOptions): Promise<ReleaseVerification> {
  const manifestName = opts.manifestName ?? 'release-manifest.json';
  let manifest: ReleaseManifest;
  try {
    manifest = typeof opts.manifest === 'string' || Buffer.isBuffer(opts.manifest) ? parseReleaseManifest(opts.manifest) : opts.manifest;
  } catch (e) {
    return { ok: false, problems: [{ path: manifestName, reason: 'malformed', message: e instanceof Error ? e.message : String(e) }] };
  }
  const problems: ReleaseProblem[] = [];
  const expectedKeyId = sm2PublicKeyId(opts.publicKey);
  if (manifest.signerKeyId !== expectedKeyId) {
    problems.push({
      path: manifestName,
      reason: 'wrong-key',
      message: `发布清单的签名者（${manifest.signerKeyId.slice(0, 16)}…）不是给定的发布公钥（${expectedKeyId.slice(0, 16)}…）`,
    });
  } else {
    const signature = Buffer.from(manifest.signature, 'base64');
    if (!sm2Verify(signedBytes(manifest), signature, opts.publicKey, { userId: RELEASE_SIGNER_ID })) {
      problems.push({ path: manifestName, reason: 'bad-signature', message: '发布清单的 SM2 签名无效：清单被篡改或签名损坏' });
    }
  }
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    let actual: { sm3: string; size: number };
    try {
      actual = await digestFile(path.join(opts.root, entry.path));
    } catch {
      problems.push({ path: entry.path, reason: 'missing', message: `缺少文件：${entry.path}` });
      continue;
    }
    if (actual.size !== entry.size || actual.sm3 !== entry.sm3) {
      problems.push({ path: entry.path, reason: 'changed', message: `文件已被修改（SM3 不符）：${entry.path}` });
    }
  }
  for (const p of opts.present ?? []) {
    if (!listed.has(p)) problems.push({ path: p, reason: 'unlisted', message: `发布清单之外的文件：${p}` });
  }
  return { ok: problems.length === 0, problems, manifest };
}

/** Reads a manifest file; GmError('MALFORMED') if it is not one. */
export const readReleaseManifest = (file: string): ReleaseManifest => parseReleaseManifest(readFileSync(file));
