import type { Platform } from '../../platform/platform.ts';
import { exchangeParams } from './exchange.params.ts';
import { exchangeRepository as repo } from './exchange.repository.ts';
import { type ExchangeSettings, ownExchangeKey, peerKey } from './exchange.settings.ts';
import { copyPackage, readArchived, removeOlderThan, writePackage } from './package/package-files.ts';
import { type Attachment, packageBytes, recordLine, sealPackage } from './package/package-format.ts';

/** What one channel carries: its business type and schema version, written in every manifest. */
export interface ChannelInfo {
  businessType: string;
  schemaVersion: number;
  /** The record field listing files that cross with the record (`[{ digest, … }]`, digests of this zone's blob store). */
  attachments?: string;
}

/**
 * G11: seals the outbox in packages (one transaction per package: sequence, package row naming its outbox records, their
 * waiting marks deleted), keeps a
 * copy for resending, then hands the package to the gap's outbound folder.
 */
export class OutboundService {
  constructor(
    private readonly platform: Platform,
    private readonly settings: ExchangeSettings,
    private readonly channels: ReadonlyMap<string, ChannelInfo>,
  ) {}

  /** Adds masked records to the outbox, in the caller's transaction. */
  enqueue = repo.addToOutbox;

  /** Seals every waiting record of the allowed channels; returns the number of packages. Without the peer's key, nothing. */
  async sealWaiting(): Promise<number> {
    const peer = peerKey(this.settings);
    if (!peer) return 0;
    const allowed = new Set(await this.platform.params.get(exchangeParams.allowedChannels));
    const maxRecords = await this.platform.params.get(exchangeParams.maxRecordsPerPackage);
    const maxBytes = await this.platform.params.get(exchangeParams.maxPackageBytes);
    let sealed = 0;
    for (const channel of await repo.waitingChannels(this.platform.db)) {
      if (!allowed.has(channel)) continue; // stays in the outbox until the gap allows the type
      let limit = maxRecords;
      // Past the records this run sealed (the channel is locked per package, so no other sealer takes ids in between;
      // a record committed late with a lower id waits for the next cycle, which starts from the beginning again).
      let afterId = 0;
      for (;;) {
        const result = await this.sealOne(channel, limit, maxBytes, peer, afterId);
        if (result === 'empty') break;
        if (result === 'retry') continue; // records came in between the attachments' read and the package's
        if (result === 'too-big') {
          if (limit === 1) throw new Error(`exchange record of ${channel} exceeds the package size limit`);
          limit = Math.max(1, Math.floor(limit / 2));
          continue;
        }
        afterId = result.lastId;
        sealed++;
      }
    }
    return sealed;
  }

  private async sealOne(
    channel: string,
    limit: number,
    maxBytes: number,
    peer: { keyId: string; publicKey: string },
    afterId: number,
  ): Promise<'empty' | 'too-big' | 'retry' | { packageId: string; lastId: number }> {
    const own = ownExchangeKey(this.platform.keys, this.platform.config.zone);
    const info = this.channels.get(channel) ?? { businessType: channel, schemaVersion: 1 };
    // The files the next package's records name, read before its transaction (the blob store reads outside it).
    const field = info.attachments;
    const files = field ? await this.readAttachments(await repo.peekWaiting(this.platform.db, channel, limit, afterId), field, maxBytes) : new Map();
    if (files === 'too-big') return 'too-big';
    const result = await this.platform.db.transaction(async (tx) => {
      const state = await repo.lockChannel(tx, 'out', channel);
      const waiting = await repo.lockWaiting(tx, channel, limit, afterId);
      if (waiting.length === 0) return 'empty' as const;
      const ids = waiting.map((w) => w.id);
      const lines = waiting.map((w) => recordLine(w.key, w.version, w.data));
      const sequence = state.lastSequence + 1;
      const attachments: Attachment[] = [];
      for (const digest of field ? digestsNamed(waiting, field) : []) {
        const file = files.get(digest);
        if (!file) return 'retry' as const;
        attachments.push(file);
      }
      const sealed = sealPackage({
        channel,
        businessType: info.businessType,
        schemaVersion: info.schemaVersion,
        attachments,
        sequence,
        previousSequence: state.lastSequence,
        lines,
        sender: own,
        recipient: peer,
      });
      const bytes = packageBytes(sealed.manifest);
      if (bytes + sealed.manifestFile.length > maxBytes) return 'too-big' as const;
      // The archived copy first: a package the database records can always be resent.
      await writePackage(this.settings.sentDir, sealed);
      await repo.insertPackage(tx, {
        packageId: sealed.manifest.packageId,
        direction: 'out',
        channel,
        sequence,
        previousSequence: state.lastSequence,
        businessType: info.businessType,
        recordCount: lines.length,
        bytes,
        state: 'sealed',
        outboxIds: ids,
      });
      await repo.markSent(tx, channel, ids);
      await repo.setChannel(tx, 'out', channel, { lastSequence: sequence });
      return { packageId: sealed.manifest.packageId, lastId: ids.at(-1)! };
    });
    if (typeof result !== 'string') await this.deliver(result.packageId);
    return result;
  }

  /**
   * The files the records name in their attachment field, from this zone's blob store (format 2), by digest. Stops
   * once their content alone passes the size limit (the caller seals fewer records). A named file the store does not
   * have is an error: the business stored it before enqueueing the record, so it is missing only through damage.
   */
  private async readAttachments(waiting: readonly { data: string }[], field: string, maxBytes: number): Promise<Map<string, Attachment> | 'too-big'> {
    const found = new Map<string, Attachment>();
    let total = 0;
    for (const digest of digestsNamed(waiting, field)) {
      const blob = await this.platform.blobs.get(digest);
      if (!blob) throw new Error(`exchange attachment ${digest} is not in the blob store`);
      total += blob.data.length;
      if (total > maxBytes) return 'too-big';
      found.set(digest, { content: blob.data, mime: blob.mime });
    }
    return found;
  }

  /** Hands a kept package to the gap's folder (a crash before the marker leaves a package the receiver ignores). */
  private deliver(packageId: string): Promise<void> {
    return copyPackage(this.settings.sentDir, this.settings.outDir, packageId);
  }

  /** Writes kept packages out again (a resend request from the other zone, or an operator's button). Returns the packages found. */
  async resend(channel: string, sequences: readonly number[]): Promise<number> {
    const rows = await repo.outboundBySequence(this.platform.db, channel, sequences);
    let resent = 0;
    for (const row of rows) {
      if (!(await readArchived(this.settings.sentDir, row.packageId))) continue;
      await this.deliver(row.packageId);
      await repo.updatePackage(this.platform.db, row.id, { resentAt: new Date() });
      resent++;
    }
    return resent;
  }

  /** Deletes kept copies older than the retention (parameter `exchange.retentionDays`); a later resend of them finds nothing. */
  async purgeKept(): Promise<number> {
    const days = await this.platform.params.get(exchangeParams.retentionDays);
    return removeOlderThan(this.settings.sentDir, days * 86_400_000);
  }
}

/** The digests the records name in their attachment field (`[{ digest, … }]`), each once. */
function digestsNamed(waiting: readonly { data: string }[], field: string): Set<string> {
  const digests = new Set<string>();
  for (const w of waiting) {
    const listed = (JSON.parse(w.data) as Record<string, unknown>)[field];
    if (Array.isArray(listed)) for (const item of listed) digests.add(String((item as { digest?: unknown }).digest));
  }
  return digests;
}
