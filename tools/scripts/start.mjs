#!/usr/bin/env node
// `npm start`: builds the console and the handheld app when their dist is missing or older than their sources, then runs the server
// (apps/server/src/main.ts through tsx) in the foreground. Environment (PORT, HOST, DATA_DIR, DATABASE_URL, NODE_ENV, …)
// passes through unchanged; DATA_DIR defaults to ./data in the repository root.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The browser apps the server serves, each rebuilt when its dist is missing or older than its sources (the shared core included). */
const APPS = [
  { workspace: 'apps/web', title: '管理控制台' },
  { workspace: 'apps/pda', title: '交通执法终端（/pda）' },
].map((a) => ({
  ...a,
  dist: path.join(ROOT, a.workspace, 'dist'),
  sources: ['src', 'index.html', 'vite.config.ts', 'package.json'].map((p) => path.join(ROOT, a.workspace, p)).concat(path.join(ROOT, 'packages/core/src')),
}));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Newest modification time (ms) of a file or of any file below a folder; 0 when absent. */
function newestMtime(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

function buildIfStale(app) {
  const reason = !existsSync(path.join(app.dist, 'index.html'))
    ? `尚未构建 (${app.workspace}/dist 不存在)`
    : newestMtime(app.dist) < Math.max(...app.sources.map(newestMtime))
      ? `源代码比 ${app.workspace}/dist 新`
      : null;
  if (!reason) return;
  console.log(`[start] 构建${app.title}：${reason} …`);
  const started = Date.now();
  const result = spawnSync(NPM, ['run', 'build', '--workspace', app.workspace], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[start] ${app.title}构建失败（退出码 ${result.status ?? result.signal}），服务器未启动。`);
    process.exit(result.status || 1);
  }
  console.log(`[start] ${app.title}构建完成（${((Date.now() - started) / 1000).toFixed(1)} s）`);
}

function runServer() {
  // One node process with tsx's loader (what `tsx file` does, minus its wrapper process). It gets its own process
  // group so that a Ctrl-C reaches it once, through the forwarding below, and not also straight from the terminal.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'apps/server/src/main.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: process.env,
    detached: process.platform !== 'win32',
  });
  let forwarded = 0;
  const forward = (signal) => {
    forwarded++;
    // First signal: let the server close cleanly. A third one (impatient Ctrl-C) kills it.
    if (forwarded === 1) child.kill(signal);
    else if (forwarded >= 3) child.kill('SIGKILL');
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGHUP', () => forward('SIGTERM'));
  // Should this process end another way, do not leave the server running on its own.
  process.on('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  child.on('error', (err) => {
    console.error(`[start] 无法启动服务器：${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal && forwarded === 0) console.error(`[start] 服务器被信号 ${signal} 终止`);
    process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
  });
}

for (const app of APPS) buildIfStale(app);
runServer();
