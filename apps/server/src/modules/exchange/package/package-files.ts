import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { attachmentFileName, manifestFileName, markerFileName, payloadFileName, type SealedPackage } from './package-format.ts';

/*
 * The gap's folders (G11/G12). Every file is written under a temporary name and renamed, the payload, the attachments
 * (format 2) and the manifest first, the completion marker last: a receiver that sees the marker sees whole files,
 * whatever the gap copies when. A package's files are the folder's files named `<package ID>.<something>`.
 */

async function writeAtomically(dir: string, name: string, data: string | Buffer): Promise<void> {
  const temp = path.join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, data, { flag: 'wx' });
  await rename(temp, path.join(dir, name));
}

/** Writes a sealed package to a folder (the gap's outbound folder, or the archive kept for resending). */
export async function writePackage(dir: string, sealed: Pick<SealedPackage, 'manifest' | 'manifestFile' | 'payload' | 'attachments'>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const id = sealed.manifest.packageId;
  await writeAtomically(dir, payloadFileName(id), sealed.payload);
  for (const a of sealed.attachments) await writeAtomically(dir, a.name, a.data);
  await writeAtomically(dir, manifestFileName(id), sealed.manifestFile);
  await writeAtomically(dir, markerFileName(id), `${new Date().toISOString()}\n`);
}

/** A package in a folder: its files, read by the receiver. */
export interface FolderPackage {
  packageId: string;
  readManifest(): Promise<string>;
  readPayload(): Promise<Buffer>;
  /** A data file of the package by the name its manifest gives (checked to be the package's); null when it is missing. */
  readFile(name: string): Promise<Buffer | null>;
}

/**
 * The names of a package's files in a folder: the marker, the manifest, then its data files (payload, attachments), from
 * the folder's listing (read once by the caller for many packages, or here).
 */
async function filesOf(dir: string, packageId: string, listing?: readonly string[]): Promise<string[]> {
  const names =
    listing ??
    (await readdir(dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    }));
  const data = names.filter((n) => n.startsWith(`${packageId}.`) && n !== markerFileName(packageId) && n !== manifestFileName(packageId));
  return [markerFileName(packageId), manifestFileName(packageId), ...data.sort()];
}

/**
 * The files of a package this zone wrote itself (the kept copies): payload and the attachments, numbered without gaps,
 * found without listing the folder (it keeps every package of the retention period).
 */
async function ownFilesOf(dir: string, packageId: string): Promise<string[]> {
  const names = [markerFileName(packageId), manifestFileName(packageId), payloadFileName(packageId)];
  for (let i = 0; ; i++) {
    const name = attachmentFileName(packageId, i);
    const found = await stat(path.join(dir, name)).then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw err;
      },
    );
    if (!found) return names;
    names.push(name);
  }
}

const MARKER = /^([0-9a-f-]{36})\.done$/;

/** Complete packages (marker present) whose marker is at least `minAgeMs` old, oldest first. */
export async function completePackages(dir: string, minAgeMs: number, now = Date.now()): Promise<FolderPackage[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const found: { pkg: FolderPackage; at: number }[] = [];
  for (const name of names) {
    const m = MARKER.exec(name);
    if (!m) continue;
    const id = m[1] as string;
    const at = (await stat(path.join(dir, name))).mtimeMs;
    if (now - at < minAgeMs) continue;
    found.push({
      at,
      pkg: {
        packageId: id,
        readManifest: () => readFile(path.join(dir, manifestFileName(id)), 'utf8'),
        readPayload: () => readFile(path.join(dir, payloadFileName(id))),
        readFile: async (file) => {
          if (!file.startsWith(`${id}.`) || path.basename(file) !== file) return null;
          return readFile(path.join(dir, file)).catch((err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT') return null;
            throw err;
          });
        },
      },
    });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.pkg);
}

/** Moves a package's files to another folder (done or quarantine), the marker first so no scanner takes it again. */
export async function movePackage(from: string, to: string, packageId: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const name of await filesOf(from, packageId)) {
    await rename(path.join(from, name), path.join(to, name)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}

/** Reads a package kept in the archive, to write it out again (resend). */
export async function readArchived(dir: string, packageId: string): Promise<{ manifestFile: string; payload: Buffer } | null> {
  try {
    return {
      manifestFile: await readFile(path.join(dir, manifestFileName(packageId)), 'utf8'),
      payload: await readFile(path.join(dir, payloadFileName(packageId))),
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Deletes the kept packages whose marker is older than `maxAgeMs` (the retention of copies for resending); returns how many. */
export async function removeOlderThan(dir: string, maxAgeMs: number, now = Date.now()): Promise<number> {
  const old = (await completePackages(dir, maxAgeMs, now)).map((p) => p.packageId);
  const listing = old.length > 0 ? await readdir(dir) : [];
  for (const id of old) {
    for (const name of await filesOf(dir, id, listing)) await rm(path.join(dir, name), { force: true });
  }
  return old.length;
}

/** Copies a package between folders (the kept copy to the gap's folder), each file through a temporary name, the marker last. */
export async function copyPackage(from: string, to: string, packageId: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const [marker, manifest, ...data] = await ownFilesOf(from, packageId);
  for (const name of [...data, manifest as string, marker as string]) {
    const temp = path.join(to, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
    await copyFile(path.join(from, name), temp);
    await rename(temp, path.join(to, name));
  }
}
