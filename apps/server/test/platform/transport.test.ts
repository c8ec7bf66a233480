import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENVELOPE_CONTENT_TYPE, type HeartbeatReply, type ServerKey } from '@shtp/core/platform';
import { MemoryReplayCache, sm2GenerateKeyPair, sm2PublicKeyFromPem, sm2PublicKeyToPem } from '@shtp/gm';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { mountModules } from '../../src/modules/app-module.ts';
import { ConfigError, loadConfig } from '../../src/platform/config/config.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { createPlatform } from '../../src/platform/platform.ts';
import { DeviceClient, type DeviceCredentials, openReply, sealRequest } from '../../src/platform/transport/device-client.ts';
import { installEnvelopeTransport } from '../../src/platform/transport/envelope-transport.ts';
import { noncePurgeJob } from '../../src/platform/transport/nonce-purge.job.ts';
import { DbReplayCache } from '../../src/platform/transport/replay-cache.repository.ts';
import { createTestApp, fieldsOf, loginFresh, openTestDatabase, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
let sec: Session;
let departmentId: number;
const pair = sm2GenerateKeyPair();
const device: DeviceCredentials = { code: 'PDA-JA-0001', privateKey: pair.privateKey };

beforeAll(async () => {
  ctx = await createTestApp();
  sec = await loginFresh(ctx, 'secadmin');
  departmentId = (await queryRows<{ id: number }>(ctx.database.db, sql`select id from departments order by id limit 1`))[0]!.id;
});
afterAll(() => ctx.close());

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, s: Session = sec) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });

const serverKey = async (): Promise<ServerKey> => (await ctx.app.inject({ method: 'GET', url: '/api/transport/server-key' })).json();

const heartbeatBody = (appVersion = '2.3.1') => ({ appVersion, time: new Date().toISOString() });

const postSealed = (payload: string, url = '/api/transport/heartbeat') =>
  ctx.app.inject({ method: 'POST', url, headers: { 'content-type': ENVELOPE_CONTENT_TYPE }, payload });

const deviceRow = async (code: string) =>
  (
    await queryRows<{ last_seen_at: string | null; app_version: string | null; status: string }>(
      ctx.database.db,
      sql`select last_seen_at, app_version, status from pda_devices where code = ${code}`,
    )
  )[0];

const rejections = async (code: string) =>
  (
    await queryRows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from audit_log where action = 'transport.reject' and result = 'failure' and details->>'code' = ${code}`,
    )
  )[0]!.n;

const nonceCount = async () => (await queryRows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from envelope_nonces`))[0]!.n;

/** The request is refused in plain JSON with its Chinese reason, audited once, and changes nothing. */
async function expectRefused(
  send: () => Promise<{ statusCode: number; headers: Record<string, unknown>; json(): { code: string; message: string } }>,
  status: number,
  code: string,
  reason: RegExp,
) {
  const before = { row: await deviceRow(device.code), audits: await rejections(code), nonces: await nonceCount() };
  const res = await send();
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/application\/json/);
  expect(res.json().code).toBe(code);
  expect(res.json().message).toMatch(reason);
  expect(await rejections(code)).toBe(before.audits + 1);
  expect(await deviceRow(device.code)).toEqual(before.row);
  return before.nonces;
}

describe('device register (终端管理)', () => {
  it('the security admin registers a device by PEM; bad keys, unknown departments and duplicate codes get field errors', async () => {
    const bad = await call('POST', '/api/security/devices', { code: device.code, name: '执法终端 1', departmentId, publicKey: `04${'00'.repeat(64)}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([{ field: 'publicKey', message: expect.stringMatching(/SM2 公钥/) }]);
    const badCode = await call('POST', '/api/security/devices', { code: '中文编号', name: 'x', departmentId, publicKey: pair.publicKey });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().details[0]).toEqual({ field: 'code', message: expect.stringMatching(/终端编号/) });
    const noDept = await call('POST', '/api/security/devices', { code: device.code, name: '执法终端 1', departmentId: 999_999, publicKey: pair.publicKey });
    expect(noDept.json().details).toEqual([{ field: 'departmentId', message: '所属部门不存在' }]);

    const created = await call('POST', '/api/security/devices', {
      code: device.code,
      name: '执法终端 1',
      departmentId,
      publicKey: sm2PublicKeyToPem(pair.publicKey),
    });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({
      code: device.code,
      publicKey: pair.publicKey,
      status: 'active',
      capabilities: ['pda'],
      lastSeenAt: null,
      createdBy: expect.any(String),
    });
    const dup = await call('POST', '/api/security/devices', { code: device.code.toLowerCase(), name: '重复', departmentId, publicKey: pair.publicKey });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details[0].field).toBe('code');

    const list = await call('GET', `/api/security/devices?keyword=${device.code}`);
    expect(list.json().items.map((d: { code: string }) => d.code)).toEqual([device.code]);
    const audited = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from audit_log where action = 'device.create' and target_id = ${device.code}`,
    );
    expect(audited[0]!.n).toBe(1);
  });

  it('a business user can neither list nor register devices', async () => {
    const officer = await loginFresh(ctx, 'officer01');
    expect((await call('GET', '/api/security/devices', undefined, officer)).statusCode).toBe(403);
    expect((await call('POST', '/api/security/devices', {}, officer)).statusCode).toBe(403);
  });
});

describe('envelope transport (C1)', () => {
  it('publishes the server transport key', async () => {
    const key = await serverKey();
    expect(key).toMatchObject({ keyId: `transport:${key.version}`, algorithm: 'SM2', contentType: ENVELOPE_CONTENT_TYPE, maxAgeSeconds: 300 });
    expect(key.publicKey).toBe(ctx.platform.keys.publicKeys('transport')[0]!.publicKey);
    expect(sm2PublicKeyFromPem(key.publicKeyPem)).toBe(key.publicKey);
  });

  it('a registered device sends a heartbeat; the sealed reply opens with the device key and last seen is recorded', async () => {
    const key = await serverKey();
    const deviceTime = new Date(Date.now() - 5000).toISOString(); // the device clock 5 s behind
    const res = await postSealed(sealRequest({ appVersion: '2.3.1', time: deviceTime }, device, key));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(ENVELOPE_CONTENT_TYPE);
    expect(res.body).not.toContain('serverTime'); // sealed, not readable on the wire
    const reply = await openReply<HeartbeatReply>(
      { status: res.statusCode, contentType: String(res.headers['content-type']), text: res.body },
      device,
      key,
      new MemoryReplayCache(),
    );
    expect(reply.sealed).toBe(true);
    expect(reply.body.serverKeyVersion).toBe(key.version);
    expect(reply.body.clockOffsetMs).toBeGreaterThanOrEqual(5000);
    expect(reply.body.clockOffsetMs).toBeLessThan(60_000);
    const row = await deviceRow(device.code);
    expect(row?.app_version).toBe('2.3.1');
    expect(Date.now() - new Date(row!.last_seen_at!).getTime()).toBeLessThan(60_000);
    // Someone else's key cannot open the reply.
    await expect(
      openReply(
        { status: 200, contentType: ENVELOPE_CONTENT_TYPE, text: res.body },
        { code: device.code, privateKey: sm2GenerateKeyPair().privateKey },
        key,
        new MemoryReplayCache(),
      ),
    ).rejects.toThrow(/接收方/);
  });

  it('a payload that fails the route schema is refused with field errors, sealed back to the device', async () => {
    const key = await serverKey();
    const res = await postSealed(sealRequest({ appVersion: '', time: 'yesterday' }, device, key));
    expect(res.statusCode).toBe(400);
    const reply = await openReply<{ code: string; details: { field: string }[] }>(
      { status: res.statusCode, contentType: String(res.headers['content-type']), text: res.body },
      device,
      key,
      new MemoryReplayCache(),
    );
    expect(reply.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(reply.body)).toEqual(['appVersion', 'time']);
  });

  it('refuses a tampered envelope (one flipped byte of the ciphertext)', async () => {
    const envelope = JSON.parse(sealRequest(heartbeatBody('9.9.9'), device, await serverKey()));
    const ct = Buffer.from(envelope.ct, 'base64');
    ct[ct.length - 40]! ^= 0x01;
    envelope.ct = ct.toString('base64');
    await expectRefused(() => postSealed(JSON.stringify(envelope)), 401, 'ENVELOPE_TAMPERED', /篡改/);
  });

  it('refuses the same envelope a second time (replay), across the shared nonce table', async () => {
    const sealed = sealRequest(heartbeatBody('2.3.2'), device, await serverKey());
    expect((await postSealed(sealed)).statusCode).toBe(200);
    const nonces = await expectRefused(() => postSealed(sealed), 401, 'ENVELOPE_REPLAYED', /重放/);
    expect(await nonceCount()).toBe(nonces);
    expect((await deviceRow(device.code))?.app_version).toBe('2.3.2');
  });

  it('refuses an expired envelope, with the window taken from the system parameter', async () => {
    const key = await serverKey();
    const old = () => Date.now() - 301_000;
    await expectRefused(() => postSealed(sealRequest(heartbeatBody('8.0.0'), device, key, old)), 401, 'ENVELOPE_EXPIRED', /过期/);
    await expectRefused(() => postSealed(sealRequest(heartbeatBody('8.0.0'), device, key, () => Date.now() + 120_000)), 401, 'ENVELOPE_EXPIRED', /过期/);
    expect((await call('PUT', '/api/system/params/transport.envelope.maxAgeSeconds', { value: 600 })).statusCode).toBe(200);
    try {
      expect((await postSealed(sealRequest(heartbeatBody('8.0.1'), device, key, old))).statusCode).toBe(200);
    } finally {
      await call('PUT', '/api/system/params/transport.envelope.maxAgeSeconds', { value: 300 });
    }
  });

  it('refuses an envelope for another recipient: another key ID, or another key under our ID', async () => {
    const key = await serverKey();
    await expectRefused(
      () => postSealed(sealRequest(heartbeatBody('7.0.0'), device, { ...key, keyId: 'transport:99' })),
      400,
      'ENVELOPE_WRONG_RECIPIENT',
      /接收方/,
    );
    const other = sm2GenerateKeyPair();
    await expectRefused(
      () => postSealed(sealRequest(heartbeatBody('7.0.0'), device, { keyId: key.keyId, publicKey: other.publicKey })),
      400,
      'ENVELOPE_WRONG_RECIPIENT',
      /接收方/,
    );
  });

  it('refuses an unknown device and a disabled one, and accepts it again once re-enabled', async () => {
    const key = await serverKey();
    const stranger = { code: 'PDA-UNKNOWN-9', privateKey: sm2GenerateKeyPair().privateKey };
    await expectRefused(() => postSealed(sealRequest(heartbeatBody(), stranger, key)), 401, 'DEVICE_NOT_REGISTERED', /未登记或已停用/);
    // A registered code signed with another key is a forgery, not an unknown device.
    await expectRefused(() => postSealed(sealRequest(heartbeatBody(), { ...stranger, code: device.code }, key)), 401, 'ENVELOPE_TAMPERED', /签名无效/);

    const id = (await call('GET', `/api/security/devices?keyword=${device.code}`)).json().items[0].id;
    expect((await call('PUT', `/api/security/devices/${id}`, { status: 'disabled' })).json().status).toBe('disabled');
    await expectRefused(() => postSealed(sealRequest(heartbeatBody('6.0.0'), device, key)), 401, 'DEVICE_NOT_REGISTERED', /未登记或已停用/);
    expect((await call('PUT', `/api/security/devices/${id}`, { status: 'active', name: '执法终端 1（换机）' })).statusCode).toBe(200);
    expect((await postSealed(sealRequest(heartbeatBody('6.0.1'), device, key))).statusCode).toBe(200);
    const noKind = await call('PUT', `/api/security/devices/${id}`, { capabilities: ['printer'] });
    expect([noKind.statusCode, noKind.json().details[0]]).toEqual([400, { field: 'capabilities.0', message: '终端类型须为执法终端或酒精测试仪' }]);
    const retyped = await call('PUT', `/api/security/devices/${id}`, { capabilities: ['breathalyser', 'pda'] });
    expect(retyped.json().capabilities).toEqual(['pda', 'breathalyser']);
    // Every registered device may send its heartbeat, whatever its type.
    expect((await postSealed(sealRequest(heartbeatBody('6.0.2'), device, key))).statusCode).toBe(200);
    const actions = await queryRows<{ action: string }>(
      ctx.database.db,
      sql`select action from audit_log where target_type = 'device' and target_id = ${device.code} and result = 'success' order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['device.create', 'device.disable', 'device.enable', 'device.update']);
  });

  it('refuses plain JSON and non-envelope text', async () => {
    await expectRefused(() => ctx.app.inject({ method: 'POST', url: '/api/transport/heartbeat', payload: heartbeatBody() }), 415, 'ENVELOPE_REQUIRED', /明文/);
    await expectRefused(() => postSealed('{"typ":"SHTP-GM-ENVELOPE","v":1}'), 400, 'ENVELOPE_MALFORMED', /格式错误/);
  });

  it('after a key rotation the device client is told the recipient is stale, fetches the new key and retries', async () => {
    const before = await serverKey();
    expect((await call('POST', '/api/system/keys/transport/rotate')).statusCode).toBe(200);
    // A fetch that goes through app.inject, so the client runs its real HTTP code path.
    const injectFetch = (async (url: URL, init?: RequestInit) => {
      const res = await ctx.app.inject({
        method: (init?.method ?? 'GET') as 'GET',
        url: url.pathname,
        headers: init?.headers as Record<string, string>,
        ...(init?.body ? { payload: init.body as string } : {}),
      });
      return new Response(res.body, { status: res.statusCode, headers: { 'content-type': String(res.headers['content-type']) } });
    }) as typeof fetch;
    const client = new DeviceClient('http://pda.test', device, injectFetch);
    (client as unknown as { server: unknown }).server = { keyId: before.keyId, publicKey: before.publicKey }; // cached before the rotation
    const audits = await rejections('ENVELOPE_WRONG_RECIPIENT');
    const reply = await client.post<HeartbeatReply>('/api/transport/heartbeat', heartbeatBody('5.0.0'));
    expect(reply).toMatchObject({ status: 200, sealed: true, body: { serverKeyVersion: before.version + 1 } });
    expect(await rejections('ENVELOPE_WRONG_RECIPIENT')).toBe(audits + 1);
  });

  it('only body-carrying routes may declare envelope transport', async () => {
    const app = Fastify();
    installEnvelopeTransport(app, ctx.platform);
    expect(() => app.get('/api/x', { config: { access: 'public', envelope: true } }, () => ({}))).toThrow(/must take a request body/);
    app.post('/api/y', { config: { access: 'public', envelope: true } }, () => ({}));
    await app.ready();
    await app.close();
  });
});

describe('replay cache in the database', () => {
  it('accepts a nonce once, even when asked twice at the same moment, and takes over an expired row', async () => {
    const cache = new DbReplayCache(ctx.database.db);
    const nonce = `PDA-X:${randomBytes(16).toString('base64')}`;
    const answers = await Promise.all([cache.seen(nonce, Date.now() + 60_000), cache.seen(nonce, Date.now() + 60_000)]);
    expect(answers.sort()).toEqual([false, true]);
    const stale = `PDA-X:${randomBytes(16).toString('base64')}`;
    await ctx.database.db.execute(sql`insert into envelope_nonces (nonce, device, expires_at) values (${stale}, 'PDA-X', now() - interval '1 minute')`);
    expect(await cache.seen(stale, Date.now() + 60_000)).toBe(false);
    expect(await cache.seen(stale, Date.now() + 60_000)).toBe(true);
  });

  it('the purge job removes expired nonces only', async () => {
    const db = ctx.database.db;
    await db.execute(
      sql`insert into envelope_nonces (nonce, device, expires_at) values ('PDA-Y:old', 'PDA-Y', now() - interval '1 second'), ('PDA-Y:new', 'PDA-Y', now() + interval '1 hour')`,
    );
    await ctx.platform.jobs.enqueue(db, noncePurgeJob, {});
    await ctx.platform.jobs.drain();
    const left = await queryRows<{ nonce: string }>(db, sql`select nonce from envelope_nonces where device = 'PDA-Y'`);
    expect(left.map((r) => r.nonce)).toEqual(['PDA-Y:new']);
    expect(await queryRows(db, sql`select 1 from envelope_nonces where expires_at < now()`)).toEqual([]);
  });
});

describe('HTTPS', () => {
  it('requires both TLS files, readable', () => {
    const base = { NODE_ENV: 'test', MASTER_KEY: '0'.repeat(32) };
    expect(() => loadConfig({ ...base, TLS_CERT_FILE: '/etc/hostname' } as NodeJS.ProcessEnv)).toThrow(/同时提供证书文件和私钥文件/);
    expect(() => loadConfig({ ...base, TLS_CERT_FILE: '/nonexistent.pem', TLS_KEY_FILE: '/nonexistent.key' } as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(loadConfig(base as NodeJS.ProcessEnv).tls).toBeNull();
  });

  it('serves /api/health over HTTPS with a self-signed certificate', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    const subject = ['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', ...subject];
    execFileSync('openssl', [...args, '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const database = await openTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', MASTER_KEY: randomBytes(16).toString('hex'), TLS_CERT_FILE: cert, TLS_KEY_FILE: key } as NodeJS.ProcessEnv);
    const platform = createPlatform(config, database, 'test');
    const app = await buildApp(platform, await mountModules(platform, []), { logger: false });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const ca = readFileSync(cert);
      const body = await new Promise<{ status: number; json: { status: string } }>((resolve, reject) => {
        https
          .get({ host: '127.0.0.1', port, path: '/api/health', ca }, (res) => {
            let text = '';
            res.on('data', (chunk) => {
              text += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
          })
          .on('error', reject);
      });
      expect(body).toMatchObject({ status: 200, json: { status: 'ok' } });
      // Without the certificate as a trusted CA the client refuses the connection: it is real TLS.
      await expect(new Promise((resolve, reject) => https.get({ host: '127.0.0.1', port, path: '/api/health' }, resolve).on('error', reject))).rejects.toThrow(
        /self[- ]signed/i,
      );
    } finally {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
