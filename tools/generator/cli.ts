/**
 * Prints synthetic records as JSON lines.
 *   npm run generate --workspace tools -- --kind person --count 5 --seed 42
 */
import { parseArgs } from 'node:util';
import { people } from './person.ts';
import { Rng } from './rng.ts';

const { values } = parseArgs({
  options: { kind: { type: 'string', default: 'person' }, count: { type: 'string', default: '10' }, seed: { type: 'string', default: '1' } },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('用法：--kind person --count <正整数> --seed <整数>');
  process.exit(2);
}
if (values.kind !== 'person') {
  console.error(`未知的数据种类：${values.kind}（可用：person）`);
  process.exit(2);
}
for (const p of people(new Rng(seed), { count })) process.stdout.write(`${JSON.stringify(p)}\n`);
