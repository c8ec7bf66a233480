import { areaCodeStatus, checkIdNumber, checkMobile, checkPlate, checkUscc, checkVin } from '@shtp/core/validators';
import { describe, expect, it } from 'vitest';
import { organisations } from './organisation.ts';
import { people } from './person.ts';
import { Permutation, Rng } from './rng.ts';
import { OTHER_AREA_CODES, SHANGHAI_ABOLISHED_AREAS, SHANGHAI_DISTRICTS } from './shanghai.ts';
import { ebikeIds, motorVehicleIds } from './vehicle-ids.ts';

const take = <T>(it: Iterable<T>) => [...it];

describe('seeded random source', () => {
  it('same seed, same sequence; forks depend on the label, not on consumption', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(Array.from({ length: 20 }, () => a.int(0, 1e9))).toEqual(Array.from({ length: 20 }, () => b.int(0, 1e9)));
    const fresh = new Rng(42).fork('vehicles');
    const used = new Rng(42);
    used.int(0, 10);
    const forked = used.fork('vehicles');
    expect(fresh.int(0, 1e9)).toBe(forked.int(0, 1e9));
    expect(new Rng(42).fork('a').int(0, 1e9)).not.toBe(new Rng(42).fork('b').int(0, 1e9));
  });

  it('permutations are bijections', () => {
    const p = new Permutation(new Rng(1), 1000);
    expect(new Set(Array.from({ length: 1000 }, (_, i) => p.at(i))).size).toBe(1000);
    expect(() => p.at(1000)).toThrow(RangeError);
  });
});

describe('synthetic people', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    expect(take(people(new Rng(42), { count: 50 }))).toEqual(take(people(new Rng(42), { count: 50 })));
    expect(take(people(new Rng(42), { count: 50 }))).not.toEqual(take(people(new Rng(43), { count: 50 })));
  });

  it('have valid ID numbers consistent with sex and birth date, valid mobiles and real Shanghai subdistricts', () => {
    let nonShanghai = 0;
    let abolished = 0;
    for (const p of people(new Rng(7), { count: 3000 })) {
      const id = checkIdNumber(p.idNumber);
      expect(id.ok, p.idNumber).toBe(true);
      if (!id.ok) continue;
      expect(id.sex).toBe(p.sex);
      expect(id.birthDate).toBe(p.birthDate);
      expect(id.areaCode.startsWith('31')).toBe(p.shanghai);
      expect(id.areaAbolished).toBe(p.idAreaAbolished);
      expect(checkMobile(p.mobile)).toEqual({ ok: true, value: p.mobile });
      const district = SHANGHAI_DISTRICTS.find((d) => d.code === p.districtCode)!;
      expect(district.streets).toContain(p.subdistrict);
      expect(p.address.startsWith(`上海市${district.name}${p.subdistrict}`)).toBe(true);
      if (!p.shanghai) nonShanghai++;
      if (p.idAreaAbolished) abolished++;
    }
    expect(nonShanghai).toBeGreaterThan(700);
    expect(nonShanghai).toBeLessThan(1100);
    expect(abolished).toBeGreaterThan(20);
  });

  it('draw on reference data that the validators know', () => {
    for (const c of OTHER_AREA_CODES) expect(areaCodeStatus(c), c).toBe('current');
    for (const d of SHANGHAI_DISTRICTS) expect(areaCodeStatus(d.code), d.code).toBe('current');
    for (const a of SHANGHAI_ABOLISHED_AREAS) expect(areaCodeStatus(a.code), a.code).toBe('abolished');
    expect(SHANGHAI_DISTRICTS.reduce((n, d) => n + d.streets.length, 0)).toBe(234);
  });
});

describe('synthetic organisations', () => {
  it('are deterministic and have valid, unique USCCs registered in Shanghai districts', () => {
    expect(take(organisations(new Rng(5), { count: 20 }))).toEqual(take(organisations(new Rng(5), { count: 20 })));
    const seen = new Set<string>();
    for (const o of organisations(new Rng(5), { count: 3000 })) {
      const r = checkUscc(o.uscc);
      expect(r, o.uscc).toMatchObject({ ok: true, value: o.uscc, areaCode: o.districtCode, areaKnown: true });
      expect(seen.has(o.uscc)).toBe(false);
      seen.add(o.uscc);
      expect(o.name).toMatch(/^上海/);
    }
  });
});

describe('synthetic vehicle identifiers', () => {
  it('motor vehicles: deterministic, valid and unique VINs and plates', () => {
    expect(take(motorVehicleIds(new Rng(9), { count: 20 }))).toEqual(take(motorVehicleIds(new Rng(9), { count: 20 })));
    const vins = new Set<string>();
    const plates = new Set<string>();
    let nev = 0;
    for (const v of motorVehicleIds(new Rng(9), { count: 5000 })) {
      expect(checkVin(v.vin), v.vin).toMatchObject({ ok: true, value: v.vin });
      expect(checkPlate(v.plate, { vehicle: 'motor', knownPrefixOnly: true }), v.plate).toMatchObject({ ok: true, value: v.plate, kind: v.plateKind });
      vins.add(v.vin);
      plates.add(v.plate);
      if (v.plateKind === 'new-energy-small') nev++;
    }
    expect(vins.size).toBe(5000);
    expect(plates.size).toBe(5000);
    expect(nev).toBeGreaterThan(1000);
  });

  it('e-bikes: deterministic, 15-digit frame codes, unique e-bike plates of the configured default shape', () => {
    expect(take(ebikeIds(new Rng(3), { count: 20 }))).toEqual(take(ebikeIds(new Rng(3), { count: 20 })));
    const frames = new Set<string>();
    const plates = new Set<string>();
    for (const e of ebikeIds(new Rng(3), { count: 5000 })) {
      expect(e.frameCode).toMatch(/^\d{15}$/);
      expect(e.motorNumber).toMatch(/^[A-Z]{2,3}\d{11}$/);
      expect(checkPlate(e.plate, { vehicle: 'ebike' }), e.plate).toMatchObject({ ok: true, value: e.plate, kinds: ['ebike'] });
      expect(checkPlate(e.plate, { vehicle: 'motor' }).ok).toBe(false);
      frames.add(e.frameCode);
      plates.add(e.plate);
    }
    expect(frames.size).toBe(5000);
    expect(plates.size).toBe(5000);
  });
});
