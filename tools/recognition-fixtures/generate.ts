/**
 * Generates the labelled synthetic recognition fixtures: plates (crops and scenes), ID-number strips and ID-card-like
 * fronts/backs, clean and hard, with a truth file. Everything is synthetic (seeded PRNG, valid check digits, no real
 * person or vehicle).
 *
 *   npx tsx tools/recognition-fixtures/generate.ts [outDir] [--seed N] [--plates 40 --lines 40 --fronts 10 --backs 4]
 *
 * Default outDir: apps/server/test/fixtures/recognition. Needs a CJK font known to fontconfig (Debian
 * fonts-wqy-microhei); the committed fixtures make the tests independent of fonts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { person } from './identity.ts';
import { type PlateType, plateNumber } from './plates.ts';
import { Rng } from './prng.ts';
import { type Degradation, degrade, idBackSvg, idFrontSvg, idLineSvg, plateScene, plateSvg } from './render.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const outDir = path.resolve(
  args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? path.join(root, 'apps/server/test/fixtures/recognition'),
);
const seed = opt('seed', 20261101);
const counts = { plates: opt('plates', 40), lines: opt('lines', 40), fronts: opt('fronts', 10), backs: opt('backs', 4) };

const rng = new Rng(seed);
const HARD: Degradation[] = ['blur', 'rotate', 'perspective', 'low-contrast', 'jpeg', 'noise', 'dim'];

function hardSet(extra: Degradation[] = []): Degradation[] {
  const n = rng.int(1, 2);
  const picked = rng.shuffle([...HARD]).slice(0, n);
  return [...new Set([...picked, ...extra])];
}

export interface TruthItem {
  file: string;
  kind: 'plate' | 'id-number' | 'id-card-front' | 'id-card-back';
  variant: 'clean' | 'hard';
  /** How the picture was made: a plate crop, a scene with a plate, a strip, a card. */
  layout: string;
  degradations: Degradation[];
  truth: Record<string, string>;
}

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  for (const d of ['plates', 'id-numbers', 'id-cards']) mkdirSync(path.join(outDir, d), { recursive: true });
  const items: TruthItem[] = [];
  const save = (rel: string, buf: Buffer) => writeFileSync(path.join(outDir, rel), buf);

  const types: PlateType[] = ['ordinary', 'new-energy-small', 'new-energy-large', 'ebike'];
  for (let i = 0; i < counts.plates; i++) {
    const type = types[i % types.length] as PlateType;
    const plate = plateNumber(rng, type);
    const scene = i % 2 === 1;
    const hard = i % 5 >= 2; // 60 % hard
    const degradations = hard ? hardSet() : [];
    let src: Buffer;
    if (scene) src = await plateScene(rng, plate, type);
    else {
      const p = plateSvg(plate, type);
      // A handheld crop: the plate with a little of the car around it.
      src = await sharp(Buffer.from(p.svg)).extend({ top: 14, bottom: 14, left: 18, right: 18, background: '#30343a' }).png().toBuffer();
    }
    const file = `plates/${String(i + 1).padStart(3, '0')}.jpg`;
    save(file, await degrade(rng, src, degradations, { maxWidth: scene ? 800 : 480, quality: 80 }));
    items.push({ file, kind: 'plate', variant: hard ? 'hard' : 'clean', layout: scene ? 'scene' : 'crop', degradations, truth: { plate, type } });
  }

  for (let i = 0; i < counts.lines; i++) {
    const p = person(rng);
    const hard = i % 5 >= 2;
    const patterned = hard && rng.chance(0.5);
    const degradations = hard ? hardSet() : [];
    const file = `id-numbers/${String(i + 1).padStart(3, '0')}.jpg`;
    save(file, await degrade(rng, Buffer.from(idLineSvg(rng, p.idNumber, patterned)), degradations, { quality: 80 }));
    items.push({
      file,
      kind: 'id-number',
      variant: hard ? 'hard' : 'clean',
      layout: patterned ? 'strip-patterned' : 'strip',
      degradations,
      truth: { idNumber: p.idNumber },
    });
  }

  for (let i = 0; i < counts.fronts; i++) {
    const p = person(rng);
    const hard = i % 5 >= 2;
    const degradations = hard ? hardSet(rng.chance(0.5) ? ['photo'] : []) : [];
    const file = `id-cards/front-${String(i + 1).padStart(3, '0')}.jpg`;
    save(file, await degrade(rng, Buffer.from(idFrontSvg(rng, p, hard && rng.chance(0.5))), degradations, { quality: 78, maxWidth: 900 }));
    items.push({
      file,
      kind: 'id-card-front',
      variant: hard ? 'hard' : 'clean',
      layout: 'card',
      degradations,
      truth: { name: p.name, sex: p.sex, ethnicity: p.ethnicity, birthDate: p.birthDate, address: p.address, idNumber: p.idNumber },
    });
  }

  for (let i = 0; i < counts.backs; i++) {
    const p = person(rng);
    const hard = i % 2 === 1;
    const degradations = hard ? hardSet() : [];
    const file = `id-cards/back-${String(i + 1).padStart(3, '0')}.jpg`;
    save(file, await degrade(rng, Buffer.from(idBackSvg(rng, p, hard)), degradations, { quality: 78, maxWidth: 900 }));
    const iso = (d: string) => (d === '长期' ? d : d.replaceAll('.', '-'));
    items.push({
      file,
      kind: 'id-card-back',
      variant: hard ? 'hard' : 'clean',
      layout: 'card',
      degradations,
      truth: { authority: p.authority, validFrom: iso(p.validFrom), validTo: iso(p.validTo) },
    });
  }

  const truth = {
    description: '合成识别测试集（非真实人员、车辆）：由 tools/recognition-fixtures/generate.ts 生成',
    generator: 'tools/recognition-fixtures/generate.ts',
    seed,
    counts,
    items,
  };
  const truthFile = path.join(outDir, 'truth.json');
  writeFileSync(truthFile, `${JSON.stringify(truth, null, 2)}\n`);
  // The repository's formatter owns JSON layout (biome check runs in lint); best effort.
  spawnSync(path.join(root, 'node_modules/.bin/biome'), ['format', '--write', truthFile], { stdio: 'ignore' });
  console.log(`${items.length} fixtures written to ${path.relative(process.cwd(), outDir) || outDir}`);
}

await main();
