import { hmacSm3 } from '@shtp/gm';
import type { Db, DbOrTx } from '../db/client.ts';
import type { KeyRing, KeySpec } from '../keys/key-types.ts';
import type { Actor } from './actor.ts';

export const AUDIT_MAC_KEY: KeySpec = { purpose: 'audit-mac', algorithm: 'HMAC-SM3', label: '审计日志完整性密钥（HMAC-SM3）', rotatable: true };

/** The fields of an audit row that its MAC covers: the actor and the event (everything but the id and the MAC itself). */
export interface AuditMacFields extends Actor {
  ts: Date;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
  reason: string | null;
  errorCode: string | null;
  details: unknown;
}

/** JSON with object keys sorted at every level: jsonb does not keep key order, the MAC must not depend on it. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, stable(v)]),
    );
  }
  return value;
}

/** The error code is appended only when present, so rows written before it existed keep their MACs. */
export function canonicalAudit(f: AuditMacFields): string {
  const fields: unknown[] = [
    f.ts.toISOString(),
    f.userId,
    f.username,
    f.departmentId,
    f.departmentName,
    f.roles,
    f.ip,
    f.userAgent,
    f.action,
    f.targetType,
    f.targetId,
    f.result,
    f.reason,
    stable(f.details ?? null),
    f.requestId,
  ];
  if (f.errorCode !== null) fields.push(f.errorCode);
  return JSON.stringify(fields);
}

/** `<keyVersion>.<hex>`: the version lets the key rotate without invalidating older rows. */
export const macOf = (version: number, key: Buffer, data: string) => `${version}.${hmacSm3(key, data).toString('hex')}`;

/**
 * The key store of each database handle, bound by createPlatform: audit() is called from everywhere with just a
 * database or transaction. Drizzle hands its dialect object to every transaction it opens, so the dialect names
 * the database (two platforms in one process keep their own keys).
 */
const keysByDatabase = new WeakMap<object, KeyRing>();
const databaseOf = (db: DbOrTx): object => (db as unknown as { dialect: object }).dialect;

export function bindAuditKeys(db: Db, keys: KeyRing): void {
  keysByDatabase.set(databaseOf(db), keys);
}

export function auditKeysOf(db: DbOrTx): KeyRing {
  const keys = keysByDatabase.get(databaseOf(db));
  if (!keys) throw new Error('no audit keys bound to this database (createPlatform binds them)');
  return keys;
}

/** Recomputes a stored MAC with the key version it names; false for a missing or malformed one. */
export async function verifyMac(keys: KeyRing, purpose: string, stored: string | null, data: string): Promise<boolean> {
  const m = stored ? /^(\d+)\.([0-9a-f]{64})$/.exec(stored) : null;
  if (!m) return false;
  const key = await keys.version(purpose, Number(m[1])).catch(() => null);
  return key !== null && macOf(key.version, key.material, data) === stored;
}
