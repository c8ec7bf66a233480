import type { ExchangeAttention } from '@shtp/core/exchange';
import { maskRecord } from '@shtp/core/masking';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { DataSet } from './datasets/dataset.ts';
import { holderDigest, holderKey } from './datasets/holder.ts';
import { possessionDigest } from './datasets/possession.ts';
import { openSealed, sealFields } from './datasets/sealed-fields.ts';
import { exchangeParams } from './exchange.params.ts';
import { type Receipt, exchangeRepository as repo } from './exchange.repository.ts';
import { type ExchangeSettings, ownExchangeKey, peerKey } from './exchange.settings.ts';
import { type Applier, InboundService, missingSequences, type ScanResult } from './inbound.service.ts';
import { OutboundService } from './outbound.service.ts';
import type { ExchangeRecord } from './package/package-format.ts';

/** Channels whose packages get no receipt (a receipt of a receipt would never end). */
const NO_RECEIPT = new Set(['receipts', 'resend-requests']);

export interface CycleResult {
  exported: number;
  sealed: number;
  scan: ScanResult;
  /** Packages written out again at the other zone's request. */
  resent: number;
  /** Sources that could not be read this time (e.g. the 车驾管 register unreachable): they wait, the others go on. */
  failedSources: { channel: string; reason: string }[];
}

/** One page of a vehicle's records found by the possession digest, and how many there are in all. */
export interface VehicleRecords {
  records: Record<string, unknown>[];
  total: number;
  /** Asked with `heldIn` and no record found: the vehicle's newest record on the first of those channels that has one, or null. */
  held?: Record<string, unknown> | null;
}

/**
 * The crossing of one zone (G11–G13): data sets masked into the outbox, sealed, and what arrives applied. One cycle at
 * a time per process (the job and the console's button share it); a second process is kept apart by the row locks.
 */
export class ExchangeService {
  readonly outbound: OutboundService;
  readonly inbound: InboundService;
  private readonly sending: Map<string, DataSet>;
  private readonly receiving: Map<string, DataSet>;
  private running: Promise<CycleResult> | null = null;
  private resendAsked: { channel: string; sequences: number[] }[] = [];

  constructor(
    private readonly platform: Platform,
    readonly settings: ExchangeSettings,
    dataSets: readonly DataSet[],
    appliers: ReadonlyMap<string, Applier>,
  ) {
    const zone = platform.config.zone;
    this.sending = new Map(dataSets.filter((d) => d.from === zone).map((d) => [d.channel, d]));
    this.receiving = new Map(dataSets.filter((d) => d.from !== zone).map((d) => [d.channel, d]));
    this.outbound = new OutboundService(platform, settings, this.sending);
    const withResend = new Map(
      [...appliers].map(([channel, apply]): [string, Applier] => {
        const sealed = this.receiving.get(channel)?.sealed ?? [];
        if (sealed.length === 0) return [channel, apply];
        // The sealed fields are opened for the applier only; exchange_records keeps them as they crossed.
        return [
          channel,
          (tx, records) => {
            const { privateKey } = ownExchangeKey(platform.keys, platform.config.zone);
            return apply(
              tx,
              records.map((r) => ({ ...r, data: openSealed(r.data, sealed, privateKey) })),
            );
          },
        ];
      }),
    );
    // The kept packages are written out again after the scan (files, not rows of the package's transaction).
    withResend.set('resend-requests', async (_tx, records) => {
      for (const r of records) this.resendAsked.push(r.data as { channel: string; sequences: number[] });
    });
    withResend.set('receipts', (tx, records) =>
      repo.confirmOutbound(
        tx,
        records.map((r) => r.data as unknown as Receipt),
      ),
    );
    this.inbound = new InboundService(
      platform,
      settings,
      withResend,
      (tx, channel, missing) =>
        this.enqueue(tx, 'resend-requests', [{ key: `${channel}:${missing.join(',')}`, version: Date.now(), data: { channel, sequences: missing } }]),
      async (tx, manifest, written, appliedAt) => {
        if (NO_RECEIPT.has(manifest.channel)) return;
        const receipt: Receipt = {
          packageId: manifest.packageId,
          channel: manifest.channel,
          sequence: manifest.sequence,
          records: manifest.recordCount,
          written,
          appliedAt: appliedAt.toISOString(),
        };
        await this.enqueue(tx, 'receipts', [{ key: manifest.packageId, version: 1, data: { ...receipt } }]);
      },
      new Map([...this.receiving.values()].flatMap((d) => (d.attachments ? [[d.channel, d.attachments] as const] : []))),
    );
  }

  /** The channels this zone sends and receives. */
  channels(): { sends: string[]; receives: string[] } {
    return { sends: [...this.sending.keys()], receives: [...this.receiving.keys()] };
  }

  /**
   * Adds records to the outbox in the caller's business transaction, masked by the channel's rules (a field without a
   * rule is dropped). A channel this zone does not send is a wiring mistake.
   */
  async enqueue(tx: Tx, channel: string, records: readonly ExchangeRecord[]): Promise<void> {
    const dataSet = this.sending.get(channel);
    if (!dataSet) throw new Error(`exchange channel ${channel} is not sent from the ${this.platform.config.zone} zone`);
    const sealed = dataSet.sealed ?? [];
    const toSeal = sealed.length > 0 && records.some((r) => sealed.some((f) => r.data[f] != null && r.data[f] !== ''));
    const peer = toSeal ? peerKey(this.settings) : null;
    // A record with a value to seal cannot be taken before the receiver's key is known (fail closed).
    if (toSeal && !peer) throw new AppError(503, 'EXCHANGE_NOT_CONFIGURED', '数据交换未配置对端公钥，暂不能受理');
    await repo.addToOutbox(
      tx,
      channel,
      records.map((r) => {
        const masked = maskRecord(r.data, dataSet.rules).record;
        return { ...r, data: peer ? sealFields(masked, sealed, peer.publicKey) : masked };
      }),
    );
  }

  async received(channel: string, businessKey: string): Promise<Record<string, unknown> | null> {
    const row = await repo.record(this.platform.db, channel, businessKey);
    return row ? (row.record as Record<string, unknown>) : null;
  }

  async receivedForVehicle(
    channel: string,
    plate: string,
    vehicleCode: string,
    page: { limit: number; offset: number },
    heldIn?: readonly string[],
  ): Promise<VehicleRecords> {
    const digest = possessionDigest(plate, vehicleCode);
    if (!heldIn?.length) {
      const { items, total } = await repo.recordsByPossession(this.platform.db, channel, digest, page);
      return { records: items.map((r) => r.record as Record<string, unknown>), total };
    }
    const { items, total, held } = await repo.recordsByPossessionOrHeld(this.platform.db, channel, digest, page, heldIn);
    return {
      records: items.map((r) => r.record as Record<string, unknown>),
      total,
      held: total === 0 ? ((held as Record<string, unknown> | null) ?? null) : null,
    };
  }

  /**
   * G2: the newest record received on a channel for the holder of an ID number, found by the keyed holder digest
   * (`datasets/holder.ts`) as the possession factor; null when none, or while the other zone's key is not held.
   */
  async receivedForHolder(channel: string, idNumber: string): Promise<Record<string, unknown> | null> {
    const key = holderKey(this.platform.keys, this.platform.config.zone, this.settings);
    if (!key) return null;
    const { items } = await repo.recordsByPossession(this.platform.db, channel, holderDigest(key, idNumber), { limit: 1, offset: 0 });
    return (items[0]?.record as Record<string, unknown> | undefined) ?? null;
  }

  /** Reads every incremental source from its watermark into the outbox; returns the number of records and the sources that failed. */
  async exportSources(): Promise<{ total: number; failed: CycleResult['failedSources'] }> {
    const limit = await this.platform.params.get(exchangeParams.maxRecordsPerPackage);
    let total = 0;
    const failed: CycleResult['failedSources'] = [];
    for (const dataSet of this.sending.values()) {
      if (!dataSet.read) continue;
      for (;;) {
        const state = await this.platform.db.transaction((tx) => repo.lockChannel(tx, 'out', dataSet.channel));
        // An external source that fails keeps its watermark and is read again next cycle; it holds up no other source.
        const page = await dataSet.read(state.watermark, limit).catch((err: unknown) => {
          failed.push({ channel: dataSet.channel, reason: err instanceof Error ? err.message : String(err) });
          return null;
        });
        if (!page || page.records.length === 0) break;
        const moved = await this.platform.db.transaction(async (tx) => {
          const locked = await repo.lockChannel(tx, 'out', dataSet.channel);
          if (locked.watermark !== state.watermark) return false; // another process exported this page
          await this.enqueue(tx, dataSet.channel, page.records);
          await repo.setChannel(tx, 'out', dataSet.channel, { watermark: page.watermark });
          return true;
        });
        if (!moved) break;
        total += page.records.length;
      }
    }
    return { total, failed };
  }

  /** A full re-sync of a source: its watermark goes back to the start, the next cycle sends everything again. */
  async resetWatermark(channel: string): Promise<void> {
    await this.platform.db.transaction(async (tx) => {
      await repo.lockChannel(tx, 'out', channel);
      await repo.setChannel(tx, 'out', channel, { watermark: null });
    });
  }

  /** G12/G13 daily reconciliation: packages and records per day, direction and channel, and the sequences missing now. */
  async reconciliation(days: number) {
    const rows = await repo.reconciliation(this.platform.db, new Date(Date.now() - days * 86_400_000));
    return { rows, gaps: await this.gaps() };
  }

  /** 工作台: received packages quarantined or held, and the sequence numbers still missing (all channels). */
  async attention(): Promise<ExchangeAttention> {
    const [counts, gaps] = await Promise.all([repo.attentionCounts(this.platform.db), this.gaps()]);
    return { ...counts, missing: gaps.reduce((n, g) => n + g.missing.length, 0) };
  }

  /** Per receiving channel with held packages: the sequences between the last applied and the held ones. */
  private async gaps() {
    const gaps: { channel: string; missing: number[] }[] = [];
    for (const channel of this.receiving.keys()) {
      const held = await repo.heldSequences(this.platform.db, channel);
      if (held.length === 0) continue;
      const state = await this.platform.db.transaction((tx) => repo.lockChannel(tx, 'in', channel));
      gaps.push({ channel, missing: missingSequences(state.lastSequence, held) });
    }
    return gaps;
  }

  /** Export, seal, scan — once at a time in this process. */
  cycle(): Promise<CycleResult> {
    this.running ??= (async () => {
      try {
        // No other zone to send to (a single-zone start, or its key not handed over yet): the sources wait, rather than
        // copying every record into an outbox nobody seals; their watermarks start from the beginning once it comes.
        const { total: exported, failed: failedSources } = peerKey(this.settings) ? await this.exportSources() : { total: 0, failed: [] };
        let sealed = await this.outbound.sealWaiting();
        const scan = await this.inbound.scan();
        // A gap found now is asked for at once, not a cycle later.
        if (scan.gaps.length > 0) sealed += await this.outbound.sealWaiting();
        let resent = 0;
        for (const asked of this.resendAsked.splice(0)) resent += await this.outbound.resend(asked.channel, asked.sequences);
        await this.outbound.purgeKept();
        return { exported, sealed, scan, resent, failedSources };
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
