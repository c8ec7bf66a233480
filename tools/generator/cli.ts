/**
 * Prints synthetic records of the test kit's seeded generator (@shtp/testkit) as JSON lines (same seed → same output).
 *   npm run generate --workspace tools -- --kind person --count 5 --seed 42
 * Kinds: person, organisation, vehicle (motor-vehicle VIN + plate), ebike (整车编码, 电机号, plate).
 */
import { parseArgs } from 'node:util';
import { ebikeIds, motorVehicleIds, organisations, people, Rng } from '@shtp/testkit';

const KINDS = {
  person: (rng: Rng, count: number) => people(rng, { count }),
  organisation: (rng: Rng, count: number) => organisations(rng, { count }),
  vehicle: (rng: Rng, count: number) => motorVehicleIds(rng, { count }),
  ebike: (rng: Rng, count: number) => ebikeIds(rng, { count }),
} as const;

const { values } = parseArgs({
  options: { kind: { type: 'string', default: 'person' }, count: { type: 'string', default: '10' }, seed: { type: 'string', default: '1' } },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed)) {
  console.error('用法：--kind <种类> --count <正整数> --seed <整数>');
  process.exit(2);
}
const make = Object.hasOwn(KINDS, values.kind) ? KINDS[values.kind as keyof typeof KINDS] : undefined;
if (!make) {
  console.error(`未知的数据种类：${values.kind}（可用：${Object.keys(KINDS).join('、')}）`);
  process.exit(2);
}
for (const record of make(new Rng(seed), count)) process.stdout.write(`${JSON.stringify(record)}\n`);
