import { type BusinessIntake, type CaseType, DEFAULT_REQUIRED_MATERIALS, dayKind, type RuleCode } from '@shtp/core/tempplate';
import { syntheticUscc } from './organisation.ts';
import { people, type SyntheticPerson } from './person.ts';
import { Rng } from './rng.ts';
import { ordinaryPlate, syntheticVin } from './vehicle-ids.ts';

/** Case mix of a Shanghai year [A]: most temporary plates are for bought cars awaiting registration. */
const CASE_MIX: [CaseType, number][] = [
  ['purchased', 0.72],
  ['unsold', 0.08],
  ['transfer_out', 0.08],
  ['plate_production', 0.05],
  ['used_export', 0.03],
  ['export', 0.02],
  ['plate_replacement', 0.01],
  ['test', 0.005],
  ['oversize', 0.005],
];

/** Injected anomaly rates per rule (share of businesses); the labels say which business each rule must flag. */
export interface TempPlateInjection {
  T1: number;
  T2: number;
  T3: number;
  T7: number;
}
export const DEFAULT_TEMP_PLATE_INJECTION: TempPlateInjection = { T1: 0.01, T2: 0.02, T3: 0.01, T7: 0.02 };

export interface LabelledBusiness {
  business: BusinessIntake;
  /** The rules that must flag this business under the default parameters (ground truth). */
  labels: RuleCode[];
}

export interface TempPlateOptions {
  /** Number of VIN stories (a T1 story yields three businesses, an honest repeat two). */
  count: number;
  year: number;
  departmentCodes: readonly string[];
  injection?: TempPlateInjection;
}

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (date: string, hh: number, mm: number) => `${date}T${pad(hh)}:${pad(mm)}:00+08:00`;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

function pickCase(rng: Rng): CaseType {
  let x = rng.int(0, 999_999) / 1_000_000;
  for (const [c, share] of CASE_MIX) {
    x -= share;
    if (x < 0) return c;
  }
  return 'purchased';
}

/** A working day of the year (holidays and 调休 respected), at least `margin` days before its end. */
function workingDay(rng: Rng, year: number, margin: number): string {
  for (;;) {
    const date = addDays(`${year}-01-01`, rng.int(0, 364 - margin));
    if (dayKind(date).working) return date;
  }
}

function dayOff(rng: Rng, year: number): string {
  for (;;) {
    const date = addDays(`${year}-01-01`, rng.int(0, 330));
    if (!dayKind(date).working) return date;
  }
}

/**
 * A seeded year of temporary-plate businesses as the 车驾管 system sends them, honest but for anomalies of T1, T2, T3
 * and T7 injected at known rates, each labelled. Honest near misses are included: VINs with two plates (the
 * Shanghai limit) spaced so that they do not chain, issues at the edge of working hours.
 */
export function* tempPlateYear(seed: number, opts: TempPlateOptions): Generator<LabelledBusiness> {
  const rng = new Rng(seed);
  const persons = people(rng.fork('people'), { count: Number.MAX_SAFE_INTEGER });
  const person = () => persons.next().value as SyntheticPerson;
  const inject = opts.injection ?? DEFAULT_TEMP_PLATE_INJECTION;
  const dealers = Array.from({ length: 40 }, (_, i) => ({ name: `上海合成汽车销售有限公司第${i + 1}店`, uscc: syntheticUscc('enterprise', '310115', i) }));
  let serial = 0;
  for (let story = 0; story < opts.count; story++) {
    const vin = syntheticVin(rng, story, opts.year);
    const owner = person();
    const caseType = pickCase(rng);
    const t1 = rng.chance(inject.T1);
    const plates = t1 ? 3 : rng.chance(0.05) ? 2 : 1;
    let date = workingDay(rng, opts.year, 70);
    for (let k = 0; k < plates; k++) {
      const labels: RuleCode[] = [];
      if (t1 && k === 2) labels.push('T1');
      const offHours = rng.chance(inject.T2);
      // A day off only for a single plate: the plates of one VIN keep their order and spacing.
      const when = offHours ? (plates === 1 && rng.chance(0.5) ? { date: dayOff(rng, opts.year), hh: 10 } : { date, hh: 20 }) : { date, hh: rng.int(9, 16) };
      if (offHours) labels.push('T2');
      const validFrom = when.date;
      const invoiceBuyer = caseType === 'purchased' && rng.chance(inject.T3) ? person() : owner;
      if (invoiceBuyer !== owner) labels.push('T3');
      const required = DEFAULT_REQUIRED_MATERIALS[caseType];
      const materials = rng.chance(inject.T7) ? required.filter((_, i) => i !== rng.int(0, required.length - 1)) : [...required];
      if (materials.length < required.length) labels.push('T7');
      serial += 1;
      const minute = rng.int(0, 39);
      yield {
        labels,
        business: {
          sourceId: `LP${opts.year}${String(serial).padStart(8, '0')}`,
          plate: ordinaryPlate(serial),
          vin,
          vehicleType: '小型普通客车',
          caseType,
          owner: { name: owner.name, idType: 'A', idNumber: owner.idNumber },
          ownerRegion: owner.idNumber.slice(0, 6),
          phone: owner.mobile,
          ...(caseType === 'purchased' || caseType === 'unsold' ? { dealer: rng.pick(dealers) } : {}),
          ...(required.includes('invoice')
            ? { invoice: { number: rng.digits(8), buyerName: invoiceBuyer.name, buyerIdNumber: invoiceBuyer.idNumber, vin, issuedOn: addDays(validFrom, -1) } }
            : {}),
          insurance: { policyNo: `PDZA${opts.year}${rng.digits(12)}`, endDate: addDays(validFrom, 365) },
          materials,
          departmentCode: rng.pick(opts.departmentCodes),
          officer: `民警${rng.int(1, 60)}`,
          acceptedAt: iso(when.date, when.hh, minute),
          issuedAt: iso(when.date, when.hh, minute + 15),
          validFrom,
          validTo: addDays(validFrom, 14),
        },
      };
      // The next plate of the VIN starts 20 days later: past the 3-day chain gap, so only the count can flag it.
      date = addDays(date, 20);
      while (!dayKind(date).working) date = addDays(date, 1);
    }
  }
}
