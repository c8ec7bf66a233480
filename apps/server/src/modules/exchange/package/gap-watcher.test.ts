import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type GapWatcher, watchGapFolder } from './gap-watcher.ts';

let dir: string;
let watcher: GapWatcher | null = null;
afterEach(() => {
  watcher?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('gap folder watcher', () => {
  it('scans once after markers appear (not for other files), after the delay', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shtp-watch-'));
    let scans = 0;
    let firstScan: () => void = () => {};
    const scanned = new Promise<void>((r) => (firstScan = r));
    watcher = watchGapFolder(
      dir,
      async () => 300,
      async () => {
        scans++;
        firstScan();
      },
      (err) => {
        throw err;
      },
    );
    writeFileSync(path.join(dir, 'a.payload.tmp'), 'x');
    writeFileSync(path.join(dir, '00000000-0000-0000-0000-000000000001.done'), '');
    writeFileSync(path.join(dir, '00000000-0000-0000-0000-000000000002.done'), '');
    await scanned;
    expect(scans).toBe(1);
  });

  it('does nothing once closed', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shtp-watch-'));
    let scans = 0;
    watcher = watchGapFolder(
      dir,
      async () => 50,
      async () => {
        scans++;
      },
      () => {},
    );
    watcher.close();
    writeFileSync(path.join(dir, '00000000-0000-0000-0000-000000000003.done'), '');
    // A scan would come 50 ms after the marker; the closed watcher must not run one.
    await new Promise((r) => setTimeout(r, 300));
    expect(scans).toBe(0);
  });
});
