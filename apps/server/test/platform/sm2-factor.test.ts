import { sm2GenerateKeyPair, sm2PublicKeyToPem, sm2Sign } from '@shtp/gm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, loginFresh, type Session, type TestContext, type TestUser } from '../test-app.ts';

let ctx: TestContext;
let sec: Session;
let supervisor: TestUser;
let officer: TestUser;
const ukey = sm2GenerateKeyPair();
beforeAll(async () => {
  ctx = await createTestApp();
  sec = await loginFresh(ctx, 'secadmin');
  supervisor = await loginFresh(ctx, 'supervisor01');
  officer = await loginFresh(ctx, 'officer01');
});
afterAll(() => ctx.close());

const call = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const userId = async (username: string) => (await call(sec, 'GET', `/api/system/users?keyword=${username}`)).json().items[0].id as number;

describe('SM2 challenge-response second factor', () => {
  it('the security admin makes it mandatory for a role and registers a user’s public key; bad keys are refused', async () => {
    expect((await call(sec, 'PUT', '/api/system/params/auth.sm2.requiredRoles', { value: ['supervisor', 'window_officer'] })).statusCode).toBe(200);
    const id = await userId(supervisor.username);
    const bad = await call(sec, 'PUT', `/api/system/users/${id}/sm2-key`, { publicKey: `04${'00'.repeat(64)}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('publicKey');
    expect((await call(sec, 'PUT', `/api/system/users/${id}/sm2-key`, { publicKey: sm2PublicKeyToPem(ukey.publicKey) })).statusCode).toBe(204);
  });

  it('after the password, the session can do nothing until the signed challenge is verified; wrong keys and replays fail', async () => {
    const s = await login(ctx.app, supervisor.username, supervisor.password);
    const me = await call(s, 'GET', '/api/auth/me');
    expect(me.json().pendingFactor).toBe('sm2');
    const blocked = await call(s, 'GET', '/api/dict/gender');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('FACTOR_REQUIRED');

    const first = (await call(s, 'GET', '/api/auth/factor')).json();
    const forged = sm2Sign(first.message, sm2GenerateKeyPair()).toString('hex');
    const refused = await call(s, 'POST', '/api/auth/factor', { response: { signature: forged } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('FACTOR_FAILED');
    // The first challenge is spent: its genuine signature no longer works.
    const replay = sm2Sign(first.message, ukey).toString('hex');
    expect((await call(s, 'POST', '/api/auth/factor', { response: { signature: replay } })).statusCode).toBe(401);

    const second = (await call(s, 'GET', '/api/auth/factor')).json();
    const ok = await call(s, 'POST', '/api/auth/factor', { response: { signature: sm2Sign(second.message, ukey).toString('hex') } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().pendingFactor).toBeNull();
    expect((await call(s, 'GET', '/api/dict/gender')).statusCode).toBe(200);
  });

  it('a user of a required role without a registered key is told to contact the security admin', async () => {
    const s = await login(ctx.app, officer.username, officer.password);
    const res = await call(s, 'GET', '/api/auth/factor');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SM2_KEY_MISSING' });
    expect(res.json().message).toMatch(/安全管理员/);
  });
});
