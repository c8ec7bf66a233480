import { Rng } from '@shtp/testkit';
import type pg from 'pg';

export interface PickedArchive {
  id: number;
  lsh: string;
  plate: string;
  zcbm: string;
  owner_id_idx: string;
}

/** What the archive bench searches for: values of the loaded population and random periods, from one seeded generator. */
export interface ArchivePicks {
  /** An archive of up to 2,000 spread over the population. */
  any(): PickedArchive;
  /** One of the loaded district departments. */
  department(): number;
  /** Runs `run` on a random period of `days` days (both ends inclusive, YYYY-MM-DD) within the last two years. */
  within<T>(days: number, run: (from: string, to: string) => T): T;
}

/** The picks over the population loaded by archive.bench.ts (`archives` archives, `departmentIds` its districts). */
export async function archivePicks(client: pg.Pool, archives: number, departmentIds: number[], seed = 20261203): Promise<ArchivePicks> {
  const rng = new Rng(seed);
  const { rows: sample } = await client.query<PickedArchive>(
    `select id, lsh, plate, zcbm, owner_id_idx from archives where id % ${Math.max(1, Math.floor(archives / 2000))} = 0 limit 2000`,
  );
  const day = () => new Date(Date.now() - rng.int(1, 720) * 86_400_000).toISOString().slice(0, 10);
  const plusDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);
  return {
    any: () => sample[rng.int(0, sample.length - 1)]!,
    department: () => departmentIds[rng.int(0, departmentIds.length - 1)]!,
    within(days, run) {
      const from = day();
      return run(from, plusDays(from, days - 1));
    },
  };
}
