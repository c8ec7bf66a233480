import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { P } from '@shtp/core/platform';
import { sm2PublicKeyOf } from '@shtp/gm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { canonicalRecord } from '../../src/platform/signing/record-signer.ts';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
let auditor: Session;
let sec: Session;
const actor = systemActor('test');

interface NoteRow {
  id: string;
  body: string;
  amount: number;
  issued_at: Date | string;
  signature: string;
  key_version: number;
  signed_at: Date | string;
  signed_by: string;
}
const fieldsOf = (r: Pick<NoteRow, 'body' | 'amount' | 'issued_at'>) => ({ body: r.body, amount: r.amount, issuedAt: new Date(r.issued_at) });

/** Signs and stores a note the way a module would: the signature in the transaction that writes the row. */
async function insertNote(id: string, body: string, amount: number) {
  const issuedAt = new Date('2026-03-01T08:30:00.123Z');
  await ctx.database.db.transaction(async (tx) => {
    const { signature, keyVersion } = ctx.platform.signer.sign('test-note', id, { body, amount, issuedAt });
    await tx.execute(sql`insert into test_notes values (${id}, ${body}, ${amount}, ${issuedAt.toISOString()}, ${signature}, ${keyVersion}, now(), '测试民警')`);
  });
}
const check = (s: Session, id: string, type = 'test-note') => ctx.app.inject({ method: 'GET', url: `/api/signatures/${type}/${id}`, headers: s.headers });

beforeAll(async () => {
  ctx = await createTestApp();
  auditor = await loginFresh(ctx, 'auditadmin');
  sec = await loginFresh(ctx, 'secadmin');
  await ctx.database.db.execute(
    sql`create table test_notes (id text primary key, body text not null, amount integer not null, issued_at timestamptz not null,
        signature text not null, key_version integer not null, signed_at timestamptz not null, signed_by text)`,
  );
  ctx.platform.signer.registerType({
    type: 'test-note',
    label: '测试记录',
    permission: P.integrityList,
    async load(db, id) {
      const [r] = await queryRows<NoteRow>(db, sql`select * from test_notes where id = ${id}`);
      return r ? { fields: fieldsOf(r), signature: r.signature, keyVersion: r.key_version, signedAt: new Date(r.signed_at), signedBy: r.signed_by } : null;
    },
  });
});
afterAll(() => ctx.close());

describe('SM2 keys in the key store', () => {
  it('keeps the private key wrapped and publishes the matching public key, never the private one', async () => {
    const key = ctx.platform.keys.current('record-sign');
    expect(key.material).toHaveLength(32);
    expect(key.publicKey).toBe(sm2PublicKeyOf(key.material.toString('hex')));
    expect(ctx.platform.keys.publicKeys('record-sign')).toEqual([{ version: 1, publicKey: key.publicKey, status: 'active' }]);
    const listed = (await ctx.platform.keys.list()).find((k) => k.purpose === 'record-sign');
    expect(listed).toMatchObject({ algorithm: 'SM2', publicKey: key.publicKey, rotatable: true });
    const [row] = await queryRows<{ wrapped: string }>(ctx.database.db, sql`select wrapped from crypto_keys where purpose = 'record-sign'`);
    expect(Buffer.from(row!.wrapped, 'base64').includes(key.material)).toBe(false);
  });
});

describe('canonical form', () => {
  it('is independent of key order and writes dates as ISO strings', () => {
    const a = canonicalRecord('t', '1', { b: 1, a: { y: 2, x: new Date('2026-01-02T03:04:05.006Z') } });
    expect(a).toBe('{"fields":{"a":{"x":"2026-01-02T03:04:05.006Z","y":2},"b":1},"id":"1","type":"t"}');
    expect(canonicalRecord('t', '1', { a: { x: new Date('2026-01-02T03:04:05.006Z'), y: 2 }, b: 1 })).toBe(a);
  });
});

describe('record signatures (C5)', () => {
  it('a signed record verifies through the API, and is audited', async () => {
    await insertNote('n1', '事故认定：甲方全责', 300);
    const res = await check(auditor, 'n1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ valid: true, keyVersion: 1, signerKeyId: 'record-sign:1', signedBy: '测试民警', algorithm: 'SM2-with-SM3' });
    const [a] = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from audit_log where action = 'signature.verify' and target_type = 'test-note' and target_id = 'n1' and result = 'success'`,
    );
    expect(a!.n).toBe(1);
  });

  it('an outside party verifies it offline with openssl and the published key', async () => {
    const published = (await ctx.app.inject({ method: 'GET', url: '/api/signatures/public-keys', headers: sec.headers })).json();
    expect(published.userId).toBe('shtp-record');
    const [r] = await queryRows<NoteRow>(ctx.database.db, sql`select * from test_notes where id = 'n1'`);
    const dir = mkdtempSync(path.join(tmpdir(), 'sig-'));
    try {
      writeFileSync(path.join(dir, 'pub.pem'), published.keys.find((k: { version: number }) => k.version === r!.key_version).pem);
      writeFileSync(path.join(dir, 'msg'), canonicalRecord('test-note', 'n1', fieldsOf(r!)));
      writeFileSync(path.join(dir, 'sig'), Buffer.from(r!.signature, 'base64'));
      const args = [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'pub.pem',
        '-rawin',
        '-digest',
        'sm3',
        '-pkeyopt',
        'distid:shtp-record',
        '-in',
        'msg',
        '-sigfile',
        'sig',
      ];
      expect(execFileSync('openssl', args, { cwd: dir }).toString()).toContain('Signature Verified Successfully');
      writeFileSync(path.join(dir, 'msg'), canonicalRecord('test-note', 'n1', { ...fieldsOf(r!), amount: 30 }));
      expect(() => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a row changed in the database no longer verifies', async () => {
    await insertNote('n2', '罚款', 200);
    await ctx.database.db.execute(sql`update test_notes set amount = 20 where id = 'n2'`);
    const res = await check(auditor, 'n2');
    expect(res.statusCode).toBe(200);
    expect(res.json().valid).toBe(false);
    const [a] = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from audit_log where action = 'signature.verify' and target_id = 'n2' and result = 'failure'`,
    );
    expect(a!.n).toBe(1);
  });

  it('altered or malformed signature bytes give invalid, not an error', async () => {
    await insertNote('n3', '罚款', 200);
    const [r] = await queryRows<NoteRow>(ctx.database.db, sql`select * from test_notes where id = 'n3'`);
    const bytes = Buffer.from(r!.signature, 'base64');
    bytes[bytes.length - 1]! ^= 0x01;
    for (const signature of [bytes.toString('base64'), 'not a signature', '']) {
      await ctx.database.db.execute(sql`update test_notes set signature = ${signature} where id = 'n3'`);
      const res = await check(auditor, 'n3');
      expect(res.statusCode, signature).toBe(200);
      expect(res.json().valid).toBe(false);
    }
    expect(await ctx.platform.signer.verify('test-note', 'n3', fieldsOf(r!), r!.signature, 99)).toBe(false); // unknown key version
  });

  it('after rotation new rows use v2 and old rows still verify with v1', async () => {
    expect(await ctx.platform.keys.rotate('record-sign', actor)).toBe(2);
    await insertNote('n4', '新记录', 100);
    const fresh = (await check(auditor, 'n4')).json();
    expect(fresh).toMatchObject({ valid: true, keyVersion: 2, signerKeyId: 'record-sign:2' });
    expect((await check(auditor, 'n1')).json()).toMatchObject({ valid: true, keyVersion: 1 });
    const keys = ctx.platform.keys.publicKeys('record-sign');
    expect(keys.map((k) => [k.version, k.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    expect(keys[0]!.publicKey).not.toBe(keys[1]!.publicKey);
  });

  it('needs the permission of the record type; unknown types and records are 404', async () => {
    const denied = await check(sec, 'n1');
    expect(denied.statusCode).toBe(403);
    expect((await check(auditor, 'n1', 'no-such-type')).statusCode).toBe(404);
    expect((await check(auditor, 'missing')).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/signatures/test-note/n1' })).statusCode).toBe(401);
  });
});
