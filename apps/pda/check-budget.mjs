#!/usr/bin/env node
// Bundle budget of the handheld app (first load on a throttled 4G profile): the gzip size of everything the start
// page loads (JS + CSS in dist/assets) must stay under PDA_BUDGET_KB (default 350 kB). Fails the build otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist/assets');
const budget = Number(process.env.PDA_BUDGET_KB ?? 350);
const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
const sizes = files.map((f) => ({ f, kb: gzipSync(readFileSync(path.join(assets, f))).length / 1024 }));
const total = sizes.reduce((n, s) => n + s.kb, 0);
for (const s of sizes) console.log(`  ${s.f}  ${s.kb.toFixed(1)} kB gzip`);
console.log(`[pda] 首次加载资源合计 ${total.toFixed(1)} kB gzip（预算 ${budget} kB）`);
if (total > budget) {
  console.error(`[pda] 超出体积预算 ${budget} kB`);
  process.exit(1);
}
