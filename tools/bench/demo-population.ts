import type pg from 'pg';

/** Waits until the server's demo job (it fills in the background) has registered `count` e-bikes; prints how long it took. */
export async function waitForDemoEbikes(db: pg.Client, count: number, maxMinutes: number): Promise<void> {
  const started = performance.now();
  for (;;) {
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from nm_vehicles');
    if (rows[0]!.n >= count) break;
    if (performance.now() - started > maxMinutes * 60_000) throw new Error(`演示数据 ${maxMinutes} 分钟内未达到 ${count} 辆`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  console.log(`演示数据：${count} 辆，用时 ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
