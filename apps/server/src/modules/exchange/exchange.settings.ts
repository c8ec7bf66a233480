import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config/config.ts';
import type { KeySpec } from '../../platform/keys/key-types.ts';
import type { KeyStore } from '../../platform/keys/keystore.ts';

/**
 * Where the gap's folders are and whose key the other zone holds (environment, per deployment):
 * EXCHANGE_OUT_DIR / EXCHANGE_IN_DIR (the gap's two folders; default DATA_DIR/exchange/out and /in),
 * EXCHANGE_PEER_KEY_FILE (the other zone's public key file, as that zone publishes it to DATA_DIR/exchange/public-key.json).
 */
export interface ExchangeSettings {
  outDir: string;
  inDir: string;
  /** Copies of what was sent, kept for resending. */
  sentDir: string;
  /** Inbound packages once applied (or seen twice). */
  doneDir: string;
  quarantineDir: string;
  /** Where this zone publishes its public key for the other zone's operator. */
  publicKeyFile: string;
  peerKeyFile: string;
  /** EXCHANGE_WATCH: scan as soon as a package arrives (fs.watch), besides the minute job; default on, off in tests. */
  watch: boolean;
}

export function exchangeSettings(env: NodeJS.ProcessEnv, config: Pick<Config, 'dataDir' | 'env'>): ExchangeSettings {
  const base = path.join(config.dataDir, 'exchange');
  return {
    outDir: path.resolve(env.EXCHANGE_OUT_DIR ?? path.join(base, 'out')),
    inDir: path.resolve(env.EXCHANGE_IN_DIR ?? path.join(base, 'in')),
    sentDir: path.join(base, 'sent'),
    doneDir: path.join(base, 'done'),
    quarantineDir: path.join(base, 'quarantine'),
    publicKeyFile: path.join(base, 'public-key.json'),
    peerKeyFile: path.resolve(env.EXCHANGE_PEER_KEY_FILE ?? path.join(base, 'peer-key.json')),
    watch: env.EXCHANGE_WATCH ? env.EXCHANGE_WATCH !== '0' : config.env !== 'test',
  };
}

/**
 * The zone's SM2 key of the crossing: it signs the manifests this zone sends and opens the session keys of what it
 * receives. Not rotatable from the console: the other zone must receive the new public key first (a planned change).
 */
export const EXCHANGE_KEY: KeySpec = { purpose: 'exchange', algorithm: 'SM2', label: '数据交换密钥（SM2，数据包签名与解密）', rotatable: false };

export interface ZoneKey {
  keyId: string;
  privateKey: string;
  publicKey: string;
}

export function ownExchangeKey(keys: KeyStore, zone: string): ZoneKey {
  const key = keys.current(EXCHANGE_KEY.purpose);
  if (!key.publicKey) throw new Error('exchange key has no public key');
  return { keyId: `${zone}-exchange:${key.version}`, privateKey: key.material.toString('hex'), publicKey: key.publicKey };
}

/** Writes this zone's public key where the operator (or the local two-zone start) hands it to the other zone. */
export function publishOwnKey(settings: ExchangeSettings, key: ZoneKey): void {
  mkdirSync(path.dirname(settings.publicKeyFile), { recursive: true });
  writeFileSync(settings.publicKeyFile, `${JSON.stringify({ keyId: key.keyId, publicKey: key.publicKey })}\n`);
}

/** The last reading of each peer key file, kept while the file's identity, size and change time stay the same. */
const peerKeys = new Map<string, { stamp: string; key: { keyId: string; publicKey: string } | null }>();

/**
 * The other zone's public key (it may be handed over after this zone started); null when absent. Read again only when
 * the file changes: the driver query asks for it on every call.
 */
export function peerKey(settings: ExchangeSettings): { keyId: string; publicKey: string } | null {
  const file = settings.peerKeyFile;
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats) return null;
  const stamp = `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
  const known = peerKeys.get(file);
  // A file changed within the last seconds is read again: a filesystem with coarse timestamps can hide a quick rewrite.
  if (known?.stamp === stamp && Date.now() - stats.mtimeMs > 2_000) return known.key;
  let key: { keyId: string; publicKey: string } | null = null;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as { keyId?: unknown; publicKey?: unknown };
    if (typeof value.keyId === 'string' && typeof value.publicKey === 'string') key = { keyId: value.keyId, publicKey: value.publicKey };
  } catch {
    key = null;
  }
  peerKeys.set(file, { stamp, key });
  return key;
}
