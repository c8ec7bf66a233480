/**
 * `npm run bench`: runs every `*.bench.ts` in this folder, each in its own process (cold start and memory
 * figures must not be shared), one after another so that they do not compete for the two cores.
 *
 *   npm run bench                 all benches
 *   npm run bench -- recognition  only those whose file name contains "recognition" — or only `recognition.bench.ts`
 *                                 when that file exists (`-- exchange` is not also `roadworks-exchange.bench.ts`)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts'));
const benches = files.includes(`${filter}.bench.ts`) ? [`${filter}.bench.ts`] : files.filter((f) => !filter || f.includes(filter)).sort();
if (benches.length === 0) {
  console.error(`没有匹配的基准测试：${filter}`);
  process.exit(1);
}
let failed = 0;
for (const file of benches) {
  console.log(`\n━━━ ${file} ━━━`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
