import { describe, expect, it } from 'vitest';
import { VehicleAdminError } from './vehicle-admin.port.ts';
import { VehicleAdminSimulator } from './vehicle-admin.simulator.ts';

describe('vehicle-admin simulator', () => {
  const sim = new VehicleAdminSimulator(async () => Array.from({ length: 5 }, (_, i) => ({ n: i })));

  it('pages through the feed with a cursor and ends with next = null', async () => {
    const first = await sim.tempPlatesAfter(null, 2);
    expect(first).toEqual({ items: [{ n: 0 }, { n: 1 }], next: '2' });
    const last = await sim.tempPlatesAfter('4', 2);
    expect(last).toEqual({ items: [{ n: 4 }], next: null });
  });

  it('refuses what the real feed refuses', async () => {
    await expect(sim.tempPlatesAfter('abc', 2)).rejects.toBeInstanceOf(VehicleAdminError);
    await expect(sim.tempPlatesAfter(null, 501)).rejects.toThrow('每页条数须为 1–500');
  });
});
