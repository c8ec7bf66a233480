import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServiceAccountCredential } from '@shtp/core/platform';
import { sm2GenerateKeyPair, sm2PublicKeyToPem } from '@shtp/gm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { canonicalRequest } from '../../src/platform/service-accounts/canonical.ts';
import { serviceAccountsRepository } from '../../src/platform/service-accounts/service-accounts.repository.ts';
import { type ServiceCredentials, signedHeaders, verifySignedResponse } from '../../src/platform/service-accounts/signing-client.ts';
import { TokenBuckets } from '../../src/platform/service-accounts/token-bucket.ts';
import { FIXTURE_DIR } from '../recognition/recognition-eval.ts';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

/**
 * 接入应用: signed calls to the recognition API as a service account, every refusal with its code and its
 * audit record, signed replies, rotation overlap, and the console API of the security admin.
 */
let ctx: TestContext;
let sec: Session;
let departmentId: number;

beforeAll(async () => {
  ctx = await createTestApp();
  sec = await loginFresh(ctx, 'secadmin');
  departmentId = (await queryRows<{ id: number }>(ctx.database.db, sql`select id from departments order by id limit 1`))[0]!.id;
});
afterAll(async () => {
  await ctx?.close();
});

const PLATE_URL = '/api/recognition/plate';

async function createAccount(body: Record<string, unknown>): Promise<ServiceAccountCredential> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/security/service-accounts',
    headers: sec.headers,
    payload: { name: '测试接入应用', departmentId, scopes: ['recognition:call'], signAlg: 'HMAC-SM3', ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const hmac = (c: ServiceAccountCredential, secret = c.secret!): ServiceCredentials => ({ appId: c.account.appId, alg: 'HMAC-SM3', secret });

/** A multipart body with a fixed boundary: the exact bytes are what the caller signs. */
function imageForm(image: Buffer) {
  const boundary = '----shtp-service-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="car.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    image,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}
/** Not an image: the guard lets it through, the handler refuses it at once (a cheap signed call)… */
const junk = imageForm(Buffer.from('not an image at all'));
/** …with 415 (unsupported image type), which tells that the call passed the guard. */
const PASSED_GUARD = 415;

interface SignedCall {
  form?: ReturnType<typeof imageForm>;
  ip?: string;
  now?: number;
  nonce?: string;
  tamper?: (headers: Record<string, string>) => void;
}

async function signedCall(credentials: ServiceCredentials, call: SignedCall = {}) {
  const form = call.form ?? junk;
  const headers: Record<string, string> = signedHeaders(
    credentials,
    { method: 'POST', target: PLATE_URL, body: form.payload },
    { ...(call.now === undefined ? {} : { now: call.now }), ...(call.nonce === undefined ? {} : { nonce: call.nonce }) },
  );
  call.tamper?.(headers);
  return ctx.app.inject({
    method: 'POST',
    url: PLATE_URL,
    payload: form.payload,
    headers: { ...headers, 'content-type': form.contentType },
    remoteAddress: call.ip ?? '127.0.0.1',
  });
}

async function rejectionAudits(appId: string): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(
    ctx.database.db,
    sql`select details->>'code' as code from audit_log where action = 'service.reject' and details->>'appId' = ${appId} order by id`,
  );
  return rows.map((r) => r.code);
}

describe('signed calls to the recognition API', () => {
  it('a signed plate upload is recognised, the reply is signed, and the call is audited as the app', async () => {
    const c = await createAccount({});
    const res = await signedCall(hmac(c), { form: imageForm(readFileSync(path.join(FIXTURE_DIR, 'plates/001.jpg'))) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().plate).toMatch(/^[\u4e00-\u9fa5][A-Z]/);

    const reply = { status: res.statusCode, path: PLATE_URL, body: res.rawPayload, headers: res.headers as Record<string, string> };
    const key = { alg: 'HMAC-SM3' as const, secret: c.secret! };
    expect(verifySignedResponse(c.account.appId, key, reply)).toBe(true);
    expect(verifySignedResponse(c.account.appId, key, { ...reply, body: Buffer.from(res.body.replace('"plate"', '"plate" ')) })).toBe(false);
    expect(verifySignedResponse(c.account.appId, key, { ...reply, status: 201 })).toBe(false);

    const [call] = await queryRows<{ result: string; status: number; latency: number }>(
      ctx.database.db,
      sql`select result, (details->>'status')::int as status, (details->>'latencyMs')::int as latency from audit_log
          where action = 'service.call' and details->>'appId' = ${c.account.appId}`,
    );
    expect(call).toMatchObject({ result: 'success', status: 200 });
    expect(call!.latency).toBeGreaterThanOrEqual(0);
    const own = await queryRows<{ username: string; department_id: number }>(
      ctx.database.db,
      sql`select username, department_id from audit_log where action like 'recognition.%' order by id desc limit 1`,
    );
    expect(own[0]).toEqual({ username: `app:${c.account.appId}`, department_id: departmentId });
    const [account] = await queryRows<{ last_used_at: Date | null }>(
      ctx.database.db,
      sql`select last_used_at from service_accounts where id = ${c.account.id}`,
    );
    expect(account!.last_used_at).not.toBeNull();
  });

  it('an unsigned upload meets the session guard', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: PLATE_URL, payload: junk.payload, headers: { 'content-type': junk.contentType } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong signature, an old timestamp and a replayed nonce, each with its code and audit record', async () => {
    const c = await createAccount({});
    const wrong = await signedCall(hmac(c), {
      tamper: (h) => {
        h['x-signature'] = h['x-signature']!.replace(/^./, (d) => (d === '0' ? '1' : '0'));
      },
    });
    expect([wrong.statusCode, wrong.json().code]).toEqual([401, 'SIGN_INVALID']);
    const otherSecret = await signedCall(hmac(c, 'ab'.repeat(32)));
    expect(otherSecret.json().code).toBe('SIGN_INVALID');

    const old = await signedCall(hmac(c), { now: Date.now() - 301_000 });
    expect([old.statusCode, old.json().code]).toEqual([401, 'TS_EXPIRED']);
    const ahead = await signedCall(hmac(c), { now: Date.now() + 301_000 });
    expect(ahead.json().code).toBe('TS_EXPIRED');

    const nonce = 'n0nce-replay-test-000001';
    const first = await signedCall(hmac(c), { nonce });
    expect(first.statusCode).toBe(PASSED_GUARD);
    expect(first.headers['x-signature']).toBeTruthy();
    const replay = await signedCall(hmac(c), { nonce });
    expect([replay.statusCode, replay.json().code]).toEqual([401, 'REPLAY']);
    expect(replay.headers['x-signature']).toBeUndefined();

    expect(await rejectionAudits(c.account.appId)).toEqual(['SIGN_INVALID', 'SIGN_INVALID', 'TS_EXPIRED', 'TS_EXPIRED', 'REPLAY']);
  });

  it('checks the body: a signature over other bytes is invalid', async () => {
    const c = await createAccount({});
    const headers = signedHeaders(hmac(c), { method: 'POST', target: PLATE_URL, body: junk.payload });
    const other = imageForm(Buffer.from('other bytes entirely'));
    const res = await ctx.app.inject({ method: 'POST', url: PLATE_URL, payload: other.payload, headers: { ...headers, 'content-type': other.contentType } });
    expect(res.json().code).toBe('SIGN_INVALID');
  });

  it('refuses an unknown app, a disabled app, an address outside the allowlist and a missing scope', async () => {
    const unknown = await signedCall({ appId: 'app_0000000000000000', alg: 'HMAC-SM3', secret: 'ab'.repeat(32) });
    expect([unknown.statusCode, unknown.json().code]).toEqual([401, 'APP_UNKNOWN']);

    const fenced = await createAccount({ ipAllowlist: ['10.9.0.0/16', '192.0.2.7'] });
    const outside = await signedCall(hmac(fenced), { ip: '10.8.1.1' });
    expect([outside.statusCode, outside.json().code]).toEqual([403, 'IP_DENIED']);
    expect((await signedCall(hmac(fenced), { ip: '10.9.200.1' })).statusCode).toBe(PASSED_GUARD);
    expect((await signedCall(hmac(fenced), { ip: '::ffff:192.0.2.7' })).statusCode).toBe(PASSED_GUARD);

    const other = await createAccount({ scopes: ['violation:query'] });
    const denied = await signedCall(hmac(other));
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'SCOPE_DENIED']);
    expect(denied.headers['x-signature']).toBeTruthy(); // authenticated: even the refusal is signed

    const c = await createAccount({});
    const reads = vi.spyOn(serviceAccountsRepository, 'byAppId');
    expect((await signedCall(hmac(c))).statusCode).toBe(PASSED_GUARD);
    expect((await signedCall(hmac(c))).statusCode).toBe(PASSED_GUARD); // from the instance's cache: no second read
    expect(reads.mock.calls.filter(([, appId]) => appId === c.account.appId)).toHaveLength(1);
    reads.mockRestore();
    const off = await ctx.app.inject({
      method: 'PUT',
      url: `/api/security/service-accounts/${c.account.id}`,
      headers: sec.headers,
      payload: { status: 'disabled' },
    });
    expect(off.json().status).toBe('disabled');
    const disabled = await signedCall(hmac(c)); // the very next call: the disable dropped the cached account
    expect([disabled.statusCode, disabled.json().code]).toEqual([401, 'APP_UNKNOWN']);

    expect(await rejectionAudits(fenced.account.appId)).toEqual(['IP_DENIED']);
    expect(await rejectionAudits(other.account.appId)).toEqual(['SCOPE_DENIED']);
    expect(await rejectionAudits(c.account.appId)).toEqual(['APP_UNKNOWN']);
    expect(await rejectionAudits('app_0000000000000000')).toEqual(['APP_UNKNOWN']);
  });

  it('limits the rate per app with a token bucket: 429 RATE_LIMITED with Retry-After', async () => {
    const c = await createAccount({ rateLimitRps: 0.1, rateLimitBurst: 2 });
    expect((await signedCall(hmac(c))).statusCode).toBe(PASSED_GUARD);
    expect((await signedCall(hmac(c))).statusCode).toBe(PASSED_GUARD);
    const limited = await signedCall(hmac(c));
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(9);
    expect(await rejectionAudits(c.account.appId)).toEqual(['RATE_LIMITED']);
  });

  it('an SM2 account signs with its private key and verifies replies with the server public key', async () => {
    const pair = sm2GenerateKeyPair();
    const c = await createAccount({ signAlg: 'SM2', publicKey: sm2PublicKeyToPem(pair.publicKey) });
    expect(c.secret).toBeNull();
    expect(c.account.serverPublicKey).toMatch(/^04[0-9a-f]{128}$/);
    const res = await signedCall({ appId: c.account.appId, alg: 'SM2', privateKey: pair.privateKey });
    expect(res.statusCode).toBe(PASSED_GUARD);
    const reply = { status: res.statusCode, path: PLATE_URL, body: res.rawPayload, headers: res.headers as Record<string, string> };
    expect(verifySignedResponse(c.account.appId, { alg: 'SM2', publicKey: c.account.serverPublicKey! }, reply)).toBe(true);
    expect(verifySignedResponse(c.account.appId, { alg: 'SM2', publicKey: pair.publicKey }, reply)).toBe(false);

    const impostor = sm2GenerateKeyPair();
    expect((await signedCall({ appId: c.account.appId, alg: 'SM2', privateKey: impostor.privateKey })).json().code).toBe('SIGN_INVALID');
    expect((await signedCall({ appId: c.account.appId, alg: 'HMAC-SM3', secret: 'ab'.repeat(32) })).json().code).toBe('SIGN_INVALID');
  });
});

describe('secret rotation', () => {
  const rotate = (id: number) => ctx.app.inject({ method: 'POST', url: `/api/security/service-accounts/${id}/rotate-secret`, headers: sec.headers });
  const setOverlap = (value: number) =>
    ctx.app.inject({ method: 'PUT', url: '/api/system/params/serviceAccounts.rotationOverlapSeconds', headers: sec.headers, payload: { value } });

  it('keeps the old secret valid during the overlap window, and not after', async () => {
    const c = await createAccount({});
    const first = c.secret!;
    const r1 = await rotate(c.account.id);
    expect(r1.statusCode, r1.body).toBe(200);
    const second: string = r1.json().secret;
    expect(second).toMatch(/^[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
    expect(r1.json().account.previousKeyValidUntil).not.toBeNull();
    expect((await signedCall(hmac(c, first))).statusCode).toBe(PASSED_GUARD); // still accepted
    expect((await signedCall(hmac(c, second))).statusCode).toBe(PASSED_GUARD);

    expect((await setOverlap(0)).statusCode).toBe(200);
    const third: string = (await rotate(c.account.id)).json().secret;
    expect((await signedCall(hmac(c, second))).json().code).toBe('SIGN_INVALID');
    expect((await signedCall(hmac(c, first))).json().code).toBe('SIGN_INVALID');
    expect((await signedCall(hmac(c, third))).statusCode).toBe(PASSED_GUARD);
    await setOverlap(86_400);

    const rotations = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from audit_log where action = 'service-account.rotate' and target_id = ${c.account.appId}`,
    );
    expect(rotations[0]!.n).toBe(2);
    const leaked = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from audit_log where details::text like ${`%${third}%`} or details::text like ${`%${second}%`}`,
    );
    expect(leaked[0]!.n).toBe(0);
  });
});

describe('console API', () => {
  it('never returns a secret after creation, and stores it encrypted', async () => {
    const c = await createAccount({ name: '列表测试应用' });
    const list = await ctx.app.inject({ method: 'GET', url: '/api/security/service-accounts?keyword=列表测试', headers: sec.headers });
    expect(list.json().total).toBe(1);
    expect(list.body).not.toContain(c.secret!);
    const [row] = await queryRows<{ secret_enc: string }>(ctx.database.db, sql`select secret_enc from service_accounts where id = ${c.account.id}`);
    expect(row!.secret_enc).toMatch(/^f1\.\d+\./);
    expect(row!.secret_enc).not.toContain(c.secret!);
  });

  it('refuses bad input with a Chinese message per field', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/security/service-accounts',
      headers: sec.headers,
      payload: { name: '', departmentId, scopes: ['everything'], signAlg: 'SM2', ipAllowlist: ['10.0.0.0/33'], rateLimitRps: 0 },
    });
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries((res.json().details as { field: string; message: string }[]).map((d) => [d.field, d.message]));
    expect(fields.name).toBe('应用名称必须填写');
    expect(fields['scopes.0']).toMatch(/授权范围须为/);
    expect(fields['ipAllowlist.0']).toMatch(/CIDR/);
    expect(fields.rateLimitRps).toMatch(/不能小于 0.1/);

    const noKey = await ctx.app.inject({
      method: 'POST',
      url: '/api/security/service-accounts',
      headers: sec.headers,
      payload: { name: 'SM2 应用', departmentId, scopes: ['recognition:call'], signAlg: 'SM2' },
    });
    expect(noKey.json().details).toEqual([{ field: 'publicKey', message: 'SM2 签名须填写对方的 SM2 公钥' }]);
    const badKey = await createAccountRaw({ signAlg: 'SM2', publicKey: '04abcdef' });
    expect(badKey.json().details[0].field).toBe('publicKey');
  });

  it('is closed to other administrators', async () => {
    const sys = await loginFresh(ctx, 'sysadmin');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/security/service-accounts', headers: sys.headers });
    expect(res.statusCode).toBe(403);
  });
});

describe('signing rules', () => {
  it('the canonical string sorts the query as sent and hashes the body', () => {
    const text = canonicalRequest({ method: 'get', target: '/api/x?b=2&a=%E6%B2%AA&a=1&', body: new Uint8Array(), timestamp: '1', nonce: 'n', appId: 'app' });
    expect(text.split('\n')).toEqual([
      'GET',
      '/api/x',
      'a=%E6%B2%AA&a=1&b=2',
      '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b',
      '1',
      'n',
      'app',
    ]);
  });

  it('the worked example of docs/api/service-accounts.md is what the signing code computes', () => {
    const docs = readFileSync(path.resolve(import.meta.dirname, '../../../../docs/api/service-accounts.md'), 'utf8');
    const boundary = '--shtp-boundary';
    const body = `${boundary}\r\nContent-Disposition: form-data; name="image"; filename="car.jpg"\r\nContent-Type: image/jpeg\r\n\r\nhello\r\n${boundary}--\r\n`;
    const headers = signedHeaders(
      { appId: 'app_0123456789abcdef', alg: 'HMAC-SM3', secret: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f' },
      { method: 'POST', target: '/api/recognition/plate', body },
      { now: 1767225600000, nonce: 'c2f1e0d9b8a7968574635241302f1e0d' },
    );
    expect(Buffer.byteLength(body)).toBe(137);
    expect(docs).toContain(`X-Signature = \`${headers['x-signature']}\``);
  });

  it('a token bucket is shared by every instance on the database, and refills at its rate up to the burst', async () => {
    // Two instances' buckets on one database: the burst is the app's, not each instance's.
    const one = new TokenBuckets(ctx.database.db);
    const other = new TokenBuckets(ctx.database.db);
    expect(await one.take('bucket-a', 0.5, 2)).toEqual({ ok: true });
    expect(await other.take('bucket-a', 0.5, 2)).toEqual({ ok: true });
    expect(await one.take('bucket-a', 0.5, 2)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(await other.take('bucket-a', 0.5, 2)).toMatchObject({ ok: false });
    expect(await other.take('bucket-b', 0.5, 2)).toEqual({ ok: true });
    // Three seconds pass: 1.5 tokens, one taken.
    const rewind = (seconds: number) =>
      ctx.database.db.execute(sql`update service_account_rate_buckets set at = at - make_interval(secs => ${seconds}) where app_id = 'bucket-a'`);
    await rewind(3);
    expect(await other.take('bucket-a', 0.5, 2)).toEqual({ ok: true });
    expect(await one.take('bucket-a', 0.5, 2)).toMatchObject({ ok: false });
    // A minute: full again, never above the burst.
    await rewind(60);
    expect(await one.take('bucket-a', 0.5, 2)).toEqual({ ok: true });
    expect(await other.take('bucket-a', 0.5, 2)).toEqual({ ok: true });
    expect((await one.take('bucket-a', 0.5, 2)).ok).toBe(false);
  });

  it('several buckets are taken in one statement, each on its own, shared with single takes', async () => {
    const one = new TokenBuckets(ctx.database.db);
    const other = new TokenBuckets(ctx.database.db);
    const pair = [
      { key: 'each-z', rps: 0.5, burst: 1 },
      { key: 'each-a', rps: 0.25, burst: 3 },
    ];
    expect(await one.takeEach(pair)).toEqual([{ ok: true }, { ok: true }]);
    // Answers in the order asked (not the keys' order); a full bucket refuses with its own wait and spares nobody.
    expect(await other.takeEach(pair)).toEqual([{ ok: false, retryAfterSeconds: 2 }, { ok: true }]);
    expect(await one.take('each-a', 0.25, 3)).toEqual({ ok: true });
    expect(await other.takeEach(pair)).toEqual([
      { ok: false, retryAfterSeconds: 2 },
      { ok: false, retryAfterSeconds: 4 },
    ]);
  });
});

function createAccountRaw(body: Record<string, unknown>) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/security/service-accounts',
    headers: sec.headers,
    payload: { name: '测试接入应用', departmentId, scopes: ['recognition:call'], signAlg: 'HMAC-SM3', ...body },
  });
}
