import { createHash } from 'node:crypto';
import { businessKey, REJECTION_CODES, type RejectionCode } from './liuheyi.codes.ts';
import type { LiuheyiReconciliation, LiuheyiWriteKind } from './liuheyi.port.ts';
import { type Rejection, type ValidationContext, validateWrite } from './liuheyi.validation.ts';

/** What the simulated 六合一 holds of an accepted write: its own ID and the items exactly as received. */
export interface LiuheyiRecord {
  lsh: string;
  remoteId: string;
  acceptedAt: string;
  kind: LiuheyiWriteKind;
  /** SHA-256 of the kind and the sorted wire record: a resend must match it to count as the same write. */
  digest: string;
  fields: Record<string, string>;
}

/** The far side's own view of a vehicle, by 整车编码. */
export interface VehicleState {
  stolen: boolean;
  locked: boolean;
  cancelled: boolean;
}

export type Outcome = { ok: true; record: LiuheyiRecord; duplicate: boolean } | { ok: false; rejection: Rejection };

export interface LedgerState {
  seq: number;
  records: LiuheyiRecord[];
  vehicles: [string, VehicleState][];
}

/** The calendar day (YYYY-MM-DD) of an instant in China time. */
export const chinaDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

const refuse = (code: RejectionCode, detail?: string): Outcome => ({
  ok: false,
  rejection: { code, message: detail ? `${REJECTION_CODES[code]}：${detail}` : REJECTION_CODES[code] },
});

function digestOf(kind: LiuheyiWriteKind, fields: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256')
    .update(JSON.stringify([kind, sorted]))
    .digest('hex');
}

/**
 * The simulator's records: idempotent by 流水号 (same content → the original answer marked duplicate; other
 * content → 401), item validation, and the vehicle state rules — a cancelled vehicle accepts nothing, a locked one
 * only 解锁, a stolen one no 转移/变更/补换; a flag cannot be set twice or cleared when not set. A vehicle it has
 * never seen (data migrated before the interface existed) is taken as normal on a business, but a status write
 * (失窃, 找回, 锁定, 解锁) about it is refused with 307.
 */
export class SimulatorLedger {
  private readonly records = new Map<string, LiuheyiRecord>();
  private readonly vehicles = new Map<string, VehicleState>();
  private seq = 0;

  constructor(state?: LedgerState) {
    if (!state) return;
    this.seq = state.seq;
    for (const r of state.records) this.records.set(r.lsh, r);
    for (const [zcbm, v] of state.vehicles) this.vehicles.set(zcbm, v);
  }

  accept(kind: LiuheyiWriteKind, fields: Record<string, string>, ctx: ValidationContext, now = new Date()): Outcome {
    const digest = digestOf(kind, fields);
    const seen = fields.lsh === undefined ? undefined : this.records.get(fields.lsh);
    if (seen) return seen.digest === digest ? { ok: true, record: seen, duplicate: true } : refuse('401', `流水号 ${seen.lsh}`);
    const invalid = validateWrite(kind, fields, ctx, now);
    if (invalid) return { ok: false, rejection: invalid };
    const refused = this.stateRefusal(kind, fields);
    if (refused) return refused;
    this.apply(kind, fields);
    this.seq += 1;
    const record: LiuheyiRecord = {
      lsh: fields.lsh!,
      remoteId: `LHY${String(this.seq).padStart(12, '0')}`,
      acceptedAt: now.toISOString(),
      kind,
      digest,
      fields,
    };
    this.records.set(record.lsh, record);
    return { ok: true, record, duplicate: false };
  }

  find(lsh: string): LiuheyiRecord | undefined {
    return this.records.get(lsh);
  }

  all(): LiuheyiRecord[] {
    return [...this.records.values()];
  }

  /** What it accepted on a day (China time, UTC+8): counts per business key and the serials. */
  reconcile(day: string): LiuheyiReconciliation {
    const counts: Record<string, number> = {};
    const serials: string[] = [];
    for (const r of this.records.values()) {
      if (chinaDay(r.acceptedAt) !== day) continue;
      const key = businessKey(r.kind, r.fields);
      counts[key] = (counts[key] ?? 0) + 1;
      serials.push(r.lsh);
    }
    return { day, counts, serials: serials.sort() };
  }

  vehicle(zcbm: string): VehicleState | undefined {
    return this.vehicles.get(zcbm);
  }

  get vehicleCount(): number {
    return this.vehicles.size;
  }

  state(): LedgerState {
    return { seq: this.seq, records: this.all(), vehicles: [...this.vehicles.entries()] };
  }

  /** The vehicle a write is about: for a correction, the one the corrected business was about. */
  private subject(kind: LiuheyiWriteKind, w: Record<string, string>): string {
    return kind === 'correction' ? this.records.get(w.gzlsh!)!.fields.zcbm! : w.zcbm!;
  }

  private stateRefusal(kind: LiuheyiWriteKind, w: Record<string, string>): Outcome | null {
    if (kind === 'correction' && !this.records.has(w.gzlsh!)) return refuse('301', `流水号 ${w.gzlsh}`);
    const zcbm = this.subject(kind, w);
    const v = this.vehicles.get(zcbm);
    if (kind === 'business' && w.ywlx === 'A') return v && !v.cancelled ? refuse('306', `整车编码 ${zcbm}`) : null;
    // A status write needs a vehicle it holds; other businesses of one it never saw are taken as migrated data.
    if (!v) return kind === 'status' ? refuse('307', `整车编码 ${zcbm} 未办理注册登记，不能设置或解除状态`) : null;
    if (v.cancelled) return refuse('305', '不能再办理任何业务');
    const unlocking = kind === 'status' && w.ztbj === 'O' && w.ztcz === '0';
    if (v.locked && !unlocking) return kind === 'status' && w.ztbj === 'O' ? refuse('302', '车辆已锁定，不能重复锁定') : refuse('304', '只能办理解锁');
    if (kind === 'status') {
      const isSet = w.ztbj === 'C' ? v.stolen : v.locked;
      const what = w.ztbj === 'C' ? '被盗抢' : '锁定';
      if (w.ztcz === '1' && isSet) return refuse('302', `车辆已是${what}状态`);
      if (w.ztcz === '0' && !isSet) return refuse('302', `车辆不是${what}状态，不能解除`);
      return null;
    }
    if (kind === 'correction' && w.zcbm !== zcbm && this.vehicles.get(w.zcbm!)?.cancelled === false) return refuse('306', `更正后的整车编码 ${w.zcbm}`);
    if (v.stolen && kind === 'business' && ['B', 'D', 'K'].includes(w.ywlx!)) return refuse('303', '不能办理转移、变更或补换');
    return null;
  }

  private apply(kind: LiuheyiWriteKind, w: Record<string, string>): void {
    const zcbm = this.subject(kind, w);
    const v = this.vehicles.get(zcbm) ?? { stolen: false, locked: false, cancelled: false };
    if (kind === 'business' && w.ywlx === 'A') Object.assign(v, { stolen: false, locked: false, cancelled: false });
    if (kind === 'business' && w.ywlx === 'G') v.cancelled = true;
    if (kind === 'status') v[w.ztbj === 'C' ? 'stolen' : 'locked'] = w.ztcz === '1';
    // A correction of the 整车编码 moves the vehicle's state to the corrected code.
    if (zcbm !== w.zcbm) this.vehicles.delete(zcbm);
    this.vehicles.set(w.zcbm!, v);
  }
}
