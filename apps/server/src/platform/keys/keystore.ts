import { randomBytes } from 'node:crypto';
import { aeadOpen, aeadSeal, sm2GenerateKeyPair } from '@shtp/gm';
import { type Actor, audit } from '../audit/audit.ts';
import { ConfigError } from '../config/config.ts';
import type { Db, Tx } from '../db/client.ts';
import type { DataKey, KeyAlgorithm, KeyInfo, KeyRing, KeySpec, PublicKeyInfo } from './key-types.ts';
import { type NewKeyRow, keysRepository as repo } from './keys.repository.ts';
import type { MasterKey } from './master-key.ts';

const KEY_BYTES: Record<Exclude<KeyAlgorithm, 'SM2'>, number> = { SM4: 16, 'HMAC-SM3': 32 };
/** Another instance may have rotated: re-read which version is active this often. */
const ACTIVE_TTL_MS = 30_000;

/** SM2: the wrapped material is the private key; the public key is kept in clear for publishing. */
function generateKey(algorithm: KeyAlgorithm): { material: Buffer; publicKey: string | null } {
  if (algorithm !== 'SM2') return { material: randomBytes(KEY_BYTES[algorithm]), publicKey: null };
  const pair = sm2GenerateKeyPair();
  return { material: Buffer.from(pair.privateKey, 'hex'), publicKey: pair.publicKey };
}

const aadOf = (purpose: string, version: number) => Buffer.from(`shtp-key:${purpose}:${version}`);

/**
 * Data keys with IDs (purpose) and versions, each wrapped by the master key. New writes use the active
 * version; older versions stay readable until a re-encryption job has moved every row (C4 rotation).
 */
export class KeyStore implements KeyRing {
  private readonly specs = new Map<string, KeySpec>();
  /** Every version of every purpose, unwrapped: a few dozen bytes each, loaded at start. */
  private readonly loaded = new Map<string, { active: number; versions: Map<number, DataKey & { status: string }> }>();
  private loadedAt = 0;
  private reloading: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly kek: MasterKey,
  ) {}

  declare(...specs: KeySpec[]): void {
    for (const s of specs) {
      if (this.specs.has(s.purpose)) throw new Error(`key purpose ${s.purpose} declared twice`);
      this.specs.set(s.purpose, s);
    }
  }

  spec(purpose: string): KeySpec | undefined {
    return this.specs.get(purpose);
  }

  /** Creates missing keys, checks that the configured master key wrapped the existing ones, and loads them all. */
  async ensureDeclared(): Promise<void> {
    const foreign = await repo.wrappedByOther(this.db, this.kek.id);
    if (foreign !== undefined) {
      throw new ConfigError(`主密钥与数据库中的数据密钥不匹配（${foreign}）：请检查 MASTER_KEY / MASTER_KEY_FILE 是否为本系统的主密钥`);
    }
    for (const spec of this.specs.values()) {
      await repo.insertIfMissing(this.db, this.newKeyRow(spec, 1));
    }
    await this.reload();
  }

  /**
   * The active key of a purpose, for new writes. Served from memory so that it can be called inside any
   * transaction (PGlite has one connection: a query outside the transaction would wait for it forever);
   * a rotation by another instance is picked up by a background reload within ACTIVE_TTL_MS.
   */
  current(purpose: string): DataKey {
    if (Date.now() - this.loadedAt > ACTIVE_TTL_MS && !this.reloading) {
      this.reloading = this.reload()
        .catch(() => {})
        .finally(() => {
          this.reloading = null;
        });
    }
    const entry = this.loaded.get(purpose);
    if (!entry) throw new Error(`no key for ${purpose}: ensureDeclared() not run`);
    return entry.versions.get(entry.active)!;
  }

  /** A given version of a purpose, to read what it protected. */
  async version(purpose: string, version: number): Promise<DataKey> {
    const known = this.loaded.get(purpose)?.versions.get(version);
    if (known) return known;
    await this.reload(); // made by another instance since our last load
    const key = this.loaded.get(purpose)?.versions.get(version);
    if (!key) throw new Error(`unknown key ${purpose}:${version}`);
    return key;
  }

  /**
   * The public keys of an SM2 purpose, every version (newest first), for publishing: verifiers need the
   * retired versions too. From memory, like `current`.
   */
  publicKeys(purpose: string): PublicKeyInfo[] {
    const entry = this.loaded.get(purpose);
    if (!entry) throw new Error(`no key for ${purpose}: ensureDeclared() not run`);
    return [...entry.versions.values()]
      .filter((k) => k.publicKey !== undefined)
      .sort((a, b) => b.version - a.version)
      .map((k) => ({ version: k.version, publicKey: k.publicKey!, status: k.status }));
  }

  private async reload(): Promise<void> {
    const rows = await repo.all(this.db);
    for (const row of rows) {
      const entry = this.loaded.get(row.purpose) ?? { active: 0, versions: new Map<number, DataKey & { status: string }>() };
      const known = entry.versions.get(row.version);
      if (known) known.status = row.status;
      else {
        const material = aeadOpen(this.kek.key, Buffer.from(row.wrapped, 'base64'), aadOf(row.purpose, row.version));
        const key = { purpose: row.purpose, version: row.version, material, status: row.status };
        entry.versions.set(row.version, row.publicKey ? { ...key, publicKey: row.publicKey } : key);
      }
      if (row.status === 'active') entry.active = row.version;
      this.loaded.set(row.purpose, entry);
    }
    this.loadedAt = Date.now();
  }

  /**
   * Makes a new version active and retires the old one (still readable); audited. `inTransaction` runs in
   * the rotation's transaction (e.g. to enqueue the re-encryption job only if the rotation commits).
   */
  async rotate(purpose: string, actor: Actor, inTransaction?: (tx: Tx, version: number) => Promise<unknown>): Promise<number> {
    const spec = this.specs.get(purpose);
    if (!spec) throw new Error(`unknown key purpose ${purpose}`);
    if (!spec.rotatable) throw new Error(`key ${purpose} is not rotatable`);
    const version = await this.db.transaction(async (tx) => {
      const next = (await repo.lockLatestVersion(tx, purpose)) + 1;
      await repo.retireActive(tx, purpose);
      await repo.insert(tx, this.newKeyRow(spec, next));
      await audit(tx, actor, { action: 'key.rotate', targetType: 'key', targetId: purpose, details: { version: next } });
      await inTransaction?.(tx, next);
      return next;
    });
    await this.reload();
    return version;
  }

  /** Metadata for the key-management page: never material. */
  async list(): Promise<KeyInfo[]> {
    const rows = await repo.listed(this.db);
    return rows.map((r) => ({
      ...r,
      label: this.specs.get(r.purpose)?.label ?? r.purpose,
      rotatable: this.specs.get(r.purpose)?.rotatable ?? false,
      createdAt: r.createdAt.toISOString(),
      retiredAt: r.retiredAt?.toISOString() ?? null,
    }));
  }

  private newKeyRow(spec: KeySpec, version: number): NewKeyRow {
    const { material, publicKey } = generateKey(spec.algorithm);
    return {
      purpose: spec.purpose,
      version,
      algorithm: spec.algorithm,
      wrapped: aeadSeal(this.kek.key, material, aadOf(spec.purpose, version)).toString('base64'),
      publicKey,
      kekId: this.kek.id,
      status: 'active',
    };
  }
}
