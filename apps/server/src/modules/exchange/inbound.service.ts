import type { Tx } from '../../platform/db/client.ts';
import type { Platform } from '../../platform/platform.ts';
import { exchangeParams } from './exchange.params.ts';
import { type PackageRow, exchangeRepository as repo } from './exchange.repository.ts';
import { type ExchangeSettings, ownExchangeKey, peerKey } from './exchange.settings.ts';
import { completePackages, type FolderPackage, movePackage } from './package/package-files.ts';
import {
  type ExchangeRecord,
  type Manifest,
  type OpenedPayload,
  openPayloadLines,
  PackageRejected,
  packageBytes,
  verifyManifest,
} from './package/package-format.ts';

/** Runs in the package's transaction after its records were upserted: a data set's own effect in this zone. */
export type Applier = (tx: Tx, records: readonly ExchangeRecord[]) => Promise<void>;

/** What one scan did, per outcome. */
export interface ScanResult {
  applied: number;
  duplicate: number;
  held: number;
  quarantined: number;
  /** Sequences found missing, per channel (a resend was requested for each the first time). */
  gaps: { channel: string; missing: number[] }[];
}

type Outcome = 'applied' | 'duplicate' | 'held' | 'quarantined';

/**
 * G12: takes complete packages from the gap's inbound folder, checks size, digests, signature, recipient and sequence,
 * decrypts, and upserts each package in one transaction; a package already seen applies nothing, one that fails is
 * quarantined with its reason, one that comes early is held until the missing sequences arrive (and they are asked for).
 */
export class InboundService {
  constructor(
    private readonly platform: Platform,
    private readonly settings: ExchangeSettings,
    private readonly appliers: ReadonlyMap<string, Applier>,
    private readonly requestResend: (tx: Tx, channel: string, missing: number[]) => Promise<void>,
    /** Tells the sender, in the package's transaction, that it was applied (a receipt for the other zone). */
    private readonly acknowledge: (tx: Tx, manifest: Manifest, written: number, appliedAt: Date) => Promise<void>,
    /** Per channel, the record field that lists its attachments (`DataSet.attachments`). */
    private readonly attachmentFields: ReadonlyMap<string, string> = new Map(),
  ) {}

  async scan(): Promise<ScanResult> {
    const result: ScanResult = { applied: 0, duplicate: 0, held: 0, quarantined: 0, gaps: [] };
    const minAgeMs = (await this.platform.params.get(exchangeParams.minAgeSeconds)) * 1000;
    // Passes until nothing moves: a held package becomes applicable once the one before it was applied.
    let pending = await completePackages(this.settings.inDir, minAgeMs);
    for (let progress = true; progress && pending.length > 0; ) {
      progress = false;
      const held: FolderPackage[] = [];
      for (const pkg of pending) {
        const outcome = await this.receive(pkg);
        if (outcome === 'held') held.push(pkg);
        else {
          result[outcome]++;
          progress = true;
        }
      }
      pending = held;
    }
    result.held = pending.length;
    result.gaps = await this.reportGaps(pending);
    return result;
  }

  private async receive(pkg: FolderPackage): Promise<Outcome> {
    const own = ownExchangeKey(this.platform.keys, this.platform.config.zone);
    const peer = peerKey(this.settings);
    let manifest: Manifest;
    let opened: OpenedPayload;
    try {
      if (!peer) throw new PackageRejected('未配置对端公钥，无法验证签名');
      manifest = verifyManifest(await pkg.readManifest(), peer.publicKey, own.keyId);
      if (manifest.packageId !== pkg.packageId) throw new PackageRejected('文件名与清单中的数据包编号不符');
      const allowed = await this.platform.params.get(exchangeParams.allowedChannels);
      if (!allowed.includes(manifest.channel)) throw new PackageRejected(`数据类型 ${manifest.channel} 不在允许交换的清单中`);
      const maxBytes = await this.platform.params.get(exchangeParams.maxPackageBytes);
      if (packageBytes(manifest) > maxBytes) throw new PackageRejected(`数据包超过大小上限 ${maxBytes} 字节`);
    } catch (err) {
      return this.quarantine(pkg, null, err);
    }
    // Seen before and not waiting or refused: a package applies once. A refused one may come again (resent intact).
    const seen = await repo.packageById(this.platform.db, 'in', manifest.packageId);
    if (seen && seen.state !== 'held' && seen.state !== 'quarantined') return this.duplicate(pkg, manifest, seen.state);
    const channel = await this.platform.db.transaction((tx) => repo.lockChannel(tx, 'in', manifest.channel));
    if (manifest.sequence <= channel.lastSequence) return this.duplicate(pkg, manifest, 'applied');
    if (manifest.sequence > channel.lastSequence + 1) {
      const reason = `等待序号 ${channel.lastSequence + 1}`;
      if (!seen) await repo.insertPackage(this.platform.db, { ...this.rowOf(manifest), state: 'held', reason });
      else if (seen.state !== 'held') await repo.updatePackage(this.platform.db, seen.id, { state: 'held', reason });
      return 'held';
    }
    try {
      const files = manifest.formatVersion === 2 ? await Promise.all(manifest.attachments.map((a) => pkg.readFile(a.name))) : [];
      opened = openPayloadLines(manifest, await pkg.readPayload(), own.privateKey, files);
      checkAttachmentsNamed(opened, this.attachmentFields.get(manifest.channel));
    } catch (err) {
      return this.quarantine(pkg, manifest, err);
    }
    // Content-addressed and idempotent: stored before the records that name them (a package applied later finds them;
    // content left by a transaction that lost its race is the same content another package brings).
    for (const a of opened.attachments) {
      const stored = await this.platform.blobs.put(a.content, { mime: a.mime });
      if (stored.digest !== a.sm3) throw new Error(`blob store named attachment ${a.sm3} ${stored.digest}`);
    }
    const applied = await this.platform.db.transaction(async (tx) => {
      const locked = await repo.lockChannel(tx, 'in', manifest.channel);
      if (locked.lastSequence !== manifest.sequence - 1) return false; // another scanner was first
      const appliedAt = new Date();
      if (seen) await repo.updatePackage(tx, seen.id, { state: 'applied', reason: null, appliedAt });
      const row = seen ?? (await repo.insertPackage(tx, { ...this.rowOf(manifest), state: 'applied', appliedAt }));
      const written = await repo.upsertRecords(tx, manifest.channel, opened, row.id);
      await this.appliers.get(manifest.channel)?.(tx, opened.records);
      await this.acknowledge(tx, manifest, written, appliedAt);
      await repo.setChannel(tx, 'in', manifest.channel, { lastSequence: manifest.sequence });
      return true;
    });
    if (!applied) return 'duplicate';
    await movePackage(this.settings.inDir, this.settings.doneDir, pkg.packageId);
    return 'applied';
  }

  private rowOf(
    m: Pick<Manifest, 'packageId' | 'channel' | 'sequence' | 'previousSequence' | 'businessType' | 'recordCount' | 'files'> & {
      attachments?: readonly { bytes: number }[];
    },
  ) {
    return {
      packageId: m.packageId,
      direction: 'in' as const,
      channel: m.channel,
      sequence: m.sequence,
      previousSequence: m.previousSequence,
      businessType: m.businessType,
      recordCount: m.recordCount,
      bytes: packageBytes(m),
    };
  }

  /** Seen before (same package ID, or its sequence already applied): recorded, nothing applied, files moved away. */
  private async duplicate(pkg: FolderPackage, manifest: Manifest, earlier: string): Promise<Outcome> {
    await repo.insertPackage(this.platform.db, {
      ...this.rowOf(manifest),
      state: 'duplicate',
      reason: earlier === 'applied' ? `序号 ${manifest.sequence} 已入库，本次未重复入库` : `该数据包此前已处理（${earlier}）`,
    });
    await movePackage(this.settings.inDir, this.settings.doneDir, pkg.packageId);
    return 'duplicate';
  }

  private async quarantine(pkg: FolderPackage, manifest: Manifest | null, err: unknown): Promise<Outcome> {
    if (!(err instanceof PackageRejected)) throw err;
    const earlier = await repo.packageById(this.platform.db, 'in', pkg.packageId);
    if (earlier?.state === 'applied') {
      // A damaged copy of a package already applied: recorded, nothing applied, the applied one stays as it was.
      await repo.insertPackage(this.platform.db, {
        ...this.rowOf(manifest ?? earlierManifest(earlier)),
        state: 'duplicate',
        reason: `已入库的数据包再次出现且未通过校验：${err.message}`,
      });
    } else if (earlier) await repo.updatePackage(this.platform.db, earlier.id, { state: 'quarantined', reason: err.message });
    else {
      await repo.insertPackage(this.platform.db, {
        ...(manifest
          ? this.rowOf(manifest)
          : {
              packageId: pkg.packageId,
              direction: 'in' as const,
              channel: '未知',
              sequence: 0,
              previousSequence: 0,
              businessType: '未知',
              recordCount: 0,
              bytes: 0,
            }),
        state: 'quarantined',
        reason: err.message,
      });
    }
    await movePackage(this.settings.inDir, this.settings.quarantineDir, pkg.packageId);
    return 'quarantined';
  }

  /** Missing sequences of the channels with held packages; a resend is requested for those not requested before. */
  private async reportGaps(held: readonly FolderPackage[]): Promise<ScanResult['gaps']> {
    if (held.length === 0) return [];
    const gaps: ScanResult['gaps'] = [];
    await this.platform.db.transaction(async (tx) => {
      const channels = new Set<string>();
      for (const pkg of held) {
        const row = await repo.packageById(tx, 'in', pkg.packageId);
        if (row) channels.add(row.channel);
      }
      for (const channel of channels) {
        const state = await repo.lockChannel(tx, 'in', channel);
        const missing = missingSequences(state.lastSequence, await repo.heldSequences(tx, channel));
        if (missing.length === 0) continue;
        gaps.push({ channel, missing });
        await this.requestResend(tx, channel, missing);
      }
    });
    return gaps;
  }
}

/** The sequences after the last applied one and below the highest held one that have not arrived. */
export function missingSequences(lastApplied: number, held: readonly number[]): number[] {
  const have = new Set(held);
  const missing: number[] = [];
  for (let s = lastApplied + 1; s < Math.max(...held); s++) if (!have.has(s)) missing.push(s);
  return missing;
}

/** Every file a record names in the channel's attachment field crossed in the package (else the record would name nothing here). */
export function checkAttachmentsNamed(opened: OpenedPayload, field: string | undefined): void {
  const crossed = new Set(opened.attachments.map((a) => a.sm3));
  if (!field) {
    if (crossed.size > 0) throw new PackageRejected('该数据类型不携带附件，数据包却带有附件');
    return;
  }
  opened.records.forEach((r, i) => {
    const listed = r.data[field];
    if (listed === undefined || listed === null) return;
    const digests = Array.isArray(listed) ? listed.map((item) => (item as { digest?: unknown } | null)?.digest) : [undefined];
    if (digests.some((d) => typeof d !== 'string' || !crossed.has(d))) throw new PackageRejected(`第 ${i + 1} 条记录引用的附件不在数据包中`);
  });
}

/** The manifest fields of a package row, for a second row about the same package. */
const earlierManifest = (row: PackageRow) => ({ ...row, files: [{ name: '', bytes: row.bytes, sm3: '' }] });
