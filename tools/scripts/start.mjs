#!/usr/bin/env node
// `npm start`: builds the console when apps/web/dist is missing or older than its sources, then runs the server
// (apps/server/src/main.ts through tsx) in the foreground. Environment (PORT, HOST, DATA_DIR, DATABASE_URL, NODE_ENV, …)
// passes through unchanged; DATA_DIR defaults to ./data in the repository root.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.join(ROOT, 'apps/web');
const DIST = path.join(WEB, 'dist');
/** What the console bundle is built from (the shared core package included). */
const WEB_SOURCES = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/package.json', 'packages/core/src'].map((p) =>
  path.join(ROOT, p),
);
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

function buildConsoleIfStale() {
  const reason = !existsSync(path.join(DIST, 'index.html'))
    ? '尚未构建 (apps/web/dist 不存在)'
    : newestMtime(DIST) < Math.max(...WEB_SOURCES.map(newestMtime))
      ? '源代码比 apps/web/dist 新'
      : null;
  if (!reason) return;
  console.log(`[start] 构建管理控制台：${reason} …`);
  const started = Date.now();
  const result = spawnSync(NPM, ['run', 'build', '--workspace', 'apps/web'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[start] 控制台构建失败（退出码 ${result.status ?? result.signal}），服务器未启动。`);
    process.exit(result.status || 1);
  }
  console.log(`[start] 控制台构建完成（${((Date.now() - started) / 1000).toFixed(1)} s）`);
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

buildConsoleIfStale();
runServer();
