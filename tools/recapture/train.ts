/**
 * Trains and evaluates the recapture model.
 *
 *   npm run -w tools recapture:train                       synthetic data (tools/recapture), writes model v1 + report
 *   npm run -w tools recapture:train -- --data DIR --version NAME   real labelled images DIR/{bona,screen,print}/…
 *
 * Options: --seed N (synthetic, default 1), --docs N per type (default 14) of which --test-docs N (default 5, the last ones) are test documents,
 * --cache FILE (features of the synthetic set, JSON), --images DIR (write every synthetic JPEG), --fixtures DIR
 * (write the committed test subset), --from-images (reuse the JPEGs in --images, recompute features only),
 * --out-model PATH, --out-report PATH.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECAPTURE_DOC_TYPES } from '@shtp/server/recognition/recapture/doc-types';
import { checkModel } from '@shtp/server/recognition/recapture/model';
import { folderSamples, type Sample, syntheticSamples, syntheticSamplesFromImages } from './dataset.ts';
import { calibrate, fitModel } from './fit.ts';
import { evaluate, reportMarkdown } from './report.ts';
import { splitSamples } from './split.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataDir = opt('data');
const synthetic = !dataDir;
const seed = Number(opt('seed') ?? 1);
const docsPerType = Number(opt('docs') ?? 14);
const testDocs = Number(opt('test-docs') ?? 5);
const version = opt('version') ?? (synthetic ? `recapture-v1-synthetic-s${seed}` : `recapture-real-${new Date().toISOString().slice(0, 10)}`);
const modelDir = path.join(root, 'apps/server/src/modules/recognition/recapture/model');
const outModel = opt('out-model') ?? path.join(modelDir, synthetic ? 'recapture-model.v1.json' : `recapture-model.${version}.json`);
const outReport = opt('out-report') ?? path.join(root, 'docs/recognition', synthetic ? 'recapture-evaluation.md' : `recapture-evaluation.${version}.md`);
const imagesDir = opt('images') ?? path.join(os.tmpdir(), `recapture-synthetic-s${seed}`);
const cache = opt('cache');
const fixturesDir = opt('fixtures');

async function load(): Promise<Sample[]> {
  if (!synthetic) {
    if (!existsSync(dataDir as string)) throw new Error(`找不到数据目录：${dataDir}`);
    return folderSamples(dataDir as string);
  }
  if (cache && existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Sample[];
  mkdirSync(imagesDir, { recursive: true });
  const samples = args.includes('--from-images')
    ? await syntheticSamplesFromImages(imagesDir, docsPerType)
    : await syntheticSamples({
        seed,
        docsPerType,
        onImage: (s, jpeg) => writeFileSync(path.join(imagesDir, s.file), jpeg),
        progress: (done, total) => {
          if (done % 50 === 0 || done === total) process.stderr.write(`  ${done}/${total} images\n`);
        },
      });
  if (cache) writeFileSync(cache, JSON.stringify(samples));
  return samples;
}

/** A few dozen held-out images (test documents × test regimes) under 2 MB, every type and class, with their labels. */
function writeFixtures(test: Sample[], dir: string) {
  mkdirSync(dir, { recursive: true });
  const chosen: Sample[] = [];
  let bytes = 0;
  // Round-robin (one image of each type and class per round) so that the size budget does not starve the last types.
  for (let round = 0; round < 2; round++) {
    for (const t of RECAPTURE_DOC_TYPES) {
      for (const cls of ['bona', 'screen', 'print'] as const) {
        const s = test.filter((x) => x.docType === t && x.cls === cls)[round];
        if (!s) continue;
        const size = readFileSync(path.join(imagesDir, s.file)).byteLength;
        if (bytes + size > 1.8 * 1024 * 1024) continue;
        copyFileSync(path.join(imagesDir, s.file), path.join(dir, s.file));
        bytes += size;
        chosen.push(s);
      }
    }
  }
  const truth = chosen.map((s) => ({ file: s.file, docType: s.docType, cls: s.cls, regime: s.regime }));
  writeFileSync(path.join(dir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  console.log(`fixtures: ${chosen.length} images, ${(bytes / 1024).toFixed(0)} KB → ${dir}`);
}

async function main() {
  const samples = await load();
  const split = splitSamples(samples, { synthetic, docsPerType, testDocs });
  if (!split.train.length || !split.test.length) throw new Error('训练集或测试集为空（每类至少需要两个文件夹）');
  const data = synthetic
    ? `synthetic (tools/recapture, seed ${seed}, ${docsPerType} documents per type, ${samples.length} images)`
    : `labelled images from ${path.basename(dataDir as string)} (${samples.length} images)`;
  const model = calibrate(fitModel(split.train, { version, data, targetBpcer: 0.05 }), split.train);
  const evaluation = evaluate(model, split.test);
  checkModel(model);
  mkdirSync(path.dirname(outModel), { recursive: true });
  writeFileSync(outModel, `${JSON.stringify({ ...model, evaluation }, null, 2)}\n`);
  mkdirSync(path.dirname(outReport), { recursive: true });
  const command = synthetic ? 'npm run -w tools recapture:train' : `npm run -w tools recapture:train -- --data ${dataDir}`;
  writeFileSync(outReport, reportMarkdown(model, split, { synthetic, command }));
  // The repository's formatter packs number arrays; format the written files as committed files are.
  spawnSync('npx', ['biome', 'format', '--write', outModel, outReport], { cwd: root, stdio: 'ignore' });
  console.log(JSON.stringify(evaluation));
  console.log(`model → ${path.relative(root, outModel)}\nreport → ${path.relative(root, outReport)}`);
  if (fixturesDir && synthetic) writeFixtures(split.test, fixturesDir);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
