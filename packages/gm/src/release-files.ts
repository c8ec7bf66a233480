import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/*
 * What a release of this repository ships (C3) — the one definition used by `gm sign-release`, `gm verify-release`
 * and the server's start-up check. Source is signed as git tracks it (an untracked scratch file is not part of a
 * release); build output (apps/web/dist) and the installed dependencies (node_modules, native binaries of
 * onnxruntime-node and sharp included) as found on disk: what runs is what is signed.
 */

export interface ShippedFileRule {
  /** Folders whose files ship, relative to the root; a `*` segment matches any one folder name. */
  sourceDirs: readonly string[];
  /** Single files that ship; a `*` segment matches any one folder name. */
  sourceFiles: readonly string[];
  /** Build output: not in git, taken from disk. */
  buildDirs: readonly string[];
  /** Paths (relative, POSIX) under the source and build folders that never ship. */
  exclude: readonly RegExp[];
  /** Installed dependencies: every file and symbolic link below them ships, taken from disk. */
  installedDirs: readonly string[];
  /** Paths under the installed folders that never ship: caches that development tools rewrite. */
  installedExclude: readonly RegExp[];
}

export const SHIPPED_FILES: ShippedFileRule = {
  sourceDirs: ['apps/server/src', 'apps/server/drizzle', 'packages/*/src', 'packages/*/bin'],
  sourceFiles: ['package.json', 'package-lock.json', 'apps/*/package.json', 'packages/*/package.json', 'tools/package.json', 'tools/scripts/start.mjs'],
  buildDirs: ['apps/web/dist'],
  exclude: [/(^|\/)node_modules\//, /\.test\.tsx?$/, /(^|\/)test-[^/]*\.ts$/, /\.md$/i],
  installedDirs: ['node_modules', 'apps/*/node_modules', 'packages/*/node_modules', 'tools/node_modules'],
  installedExclude: [/(^|\/)node_modules\/\.(cache|vite|vite-temp)\//],
};

const toPosix = (p: string) => p.split(path.sep).join('/');

/** Expands one `*` segment pattern against the disk; returns the matching relative paths. */
function expand(root: string, pattern: string): string[] {
  let found = [''];
  for (const segment of pattern.split('/')) {
    const next: string[] = [];
    for (const base of found) {
      if (segment !== '*') {
        next.push(base ? `${base}/${segment}` : segment);
        continue;
      }
      let names: string[] = [];
      try {
        names = readdirSync(path.join(root, base));
      } catch {
        names = [];
      }
      for (const name of names) if (name !== 'node_modules') next.push(base ? `${base}/${name}` : name);
    }
    found = next;
  }
  return found;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Every file and symbolic link below a folder (relative to root, POSIX). Links are listed, never followed: a link
 * swapped to point elsewhere is then a change of the link itself. `into` decides which folder names to enter.
 */
function walk(root: string, dir: string, out: string[], into: (name: string) => boolean): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (into(entry.name)) walk(root, rel, out, into);
    } else if (entry.isFile() || entry.isSymbolicLink()) out.push(rel);
  }
}

const sourceFolder = (name: string) => name !== 'node_modules';
const anyFolder = () => true;

/** Whether a relative POSIX path falls under the rule's source folders or files (ignoring build output). */
function inSource(rule: ShippedFileRule, rel: string): boolean {
  const matches = (pattern: string, p: string) => {
    const a = pattern.split('/');
    const b = p.split('/');
    return a.length === b.length && a.every((seg, i) => seg === '*' || seg === b[i]);
  };
  if (rule.sourceFiles.some((f) => matches(f, rel))) return true;
  return rule.sourceDirs.some((d) => {
    const depth = d.split('/').length;
    return rel.split('/').length > depth && matches(d, rel.split('/').slice(0, depth).join('/'));
  });
}

const excluded = (rules: readonly RegExp[], rel: string) => rules.some((re) => re.test(rel));

/** The installed dependencies on disk (files and links), without the excluded caches. */
function installedOnDisk(root: string, rule: ShippedFileRule): string[] {
  const out: string[] = [];
  for (const dir of rule.installedDirs) for (const d of expand(root, dir)) walk(root, d, out, anyFolder);
  return out.map(toPosix).filter((f) => !excluded(rule.installedExclude, f));
}

/** Build output on disk. */
function buildOnDisk(root: string, rule: ShippedFileRule): string[] {
  const out: string[] = [];
  for (const dir of rule.buildDirs) for (const d of expand(root, dir)) walk(root, d, out, sourceFolder);
  return out.map(toPosix).filter((f) => !excluded(rule.exclude, f));
}

const sortedUnique = (paths: string[]) => [...new Set(paths)].sort();

/** The shipped files found on disk under root, sorted (what a verifier compares the manifest against). */
export function listShippedFilesOnDisk(root: string, rule: ShippedFileRule = SHIPPED_FILES): string[] {
  const source: string[] = [];
  for (const dir of rule.sourceDirs) for (const d of expand(root, dir)) walk(root, d, source, sourceFolder);
  for (const file of rule.sourceFiles) for (const f of expand(root, file)) if (isFile(path.join(root, f))) source.push(f);
  const shippedSource = source.map(toPosix).filter((f) => !excluded(rule.exclude, f));
  return sortedUnique([...shippedSource, ...buildOnDisk(root, rule), ...installedOnDisk(root, rule)]);
}

/**
 * The files a release signs: git-tracked source under the rule plus build output and installed dependencies on
 * disk. Without git (an unpacked release, not a checkout) it falls back to the disk and says so in `source`.
 */
export function listShippedFilesForRelease(root: string, rule: ShippedFileRule = SHIPPED_FILES): { files: string[]; source: 'git' | 'disk' } {
  let tracked: string[];
  try {
    tracked = execFileSync('git', ['ls-files', '-z', '--cached'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 })
      .toString('utf8')
      .split('\0')
      .filter(Boolean);
  } catch {
    return { files: listShippedFilesOnDisk(root, rule), source: 'disk' };
  }
  // A file deleted from the work tree but still in the index is not shipped.
  const source = tracked
    .filter((f) => inSource(rule, f) && isFile(path.join(root, f)))
    .map(toPosix)
    .filter((f) => !excluded(rule.exclude, f));
  return { files: sortedUnique([...source, ...buildOnDisk(root, rule), ...installedOnDisk(root, rule)]), source: 'git' };
}
