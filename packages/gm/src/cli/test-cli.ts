/* Test helper (not exported): runs the real `gm` bin in a child process, as an operator would. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/gm.mjs', import.meta.url));

export interface GmRun {
  status: number | null;
  stdout: Buffer;
  stderr: string;
}

export function gm(args: string[], input?: string | Buffer): GmRun {
  const run = spawnSync(process.execPath, [BIN, ...args], { input, timeout: 30_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

/** Runs gm and fails with its stderr unless it exits 0. */
export function gmOk(args: string[], input?: string | Buffer): GmRun {
  const run = gm(args, input);
  if (run.status !== 0) throw new Error(`gm ${args[0]} exited ${run.status}: ${run.stderr}`);
  return run;
}
