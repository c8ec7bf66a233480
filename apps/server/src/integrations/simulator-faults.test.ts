import { describe, expect, it } from 'vitest';
import { SimulatorFaults } from './simulator-faults.ts';

describe('SimulatorFaults', () => {
  it('gives the queued faults in order, then none', async () => {
    const faults = new SimulatorFaults();
    faults.inject('error', 2);
    expect([await faults.next(), await faults.next(), await faults.next()]).toEqual(['error', 'error', null]);
  });

  it('takes a fault only at its own step; another stays queued for its step', () => {
    const faults = new SimulatorFaults<'unavailable' | 'mid-file'>();
    faults.inject('mid-file');
    faults.inject('unavailable');
    expect(faults.take('unavailable')).toBe(false);
    expect(faults.take('mid-file')).toBe(true);
    expect(faults.take('mid-file')).toBe(false);
    expect(faults.take('unavailable')).toBe(true);
    expect(faults.take('unavailable')).toBe(false);
  });

  it('releases a hung request when told to', async () => {
    const faults = new SimulatorFaults();
    faults.inject('timeout');
    const hung = faults.next();
    faults.releaseAll();
    expect(await hung).toBe('timeout');
  });
});
