import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Rng, syntheticIdNumber, syntheticMobile } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppModule, defineModule } from '../../src/modules/app-module.ts';
import { MODULES } from '../../src/modules/modules.ts';
import { multipartForm } from '../multipart-body.ts';
import { FIXTURE_DIR, loadTruth } from '../recognition/recognition-eval.ts';
import { createTestApp, login, loginFresh, type TestContext } from '../test-app.ts';

/**
 * No ID number, phone, name or password in the server log (SECURITY.md IA-3, PI-2): every line the server writes
 * during an E9 search by ID number and phone, a login, a request whose SQL fails with personal data as a
 * parameter, and a recognition upload of an ID card. Modules added later are guarded by the same serializers.
 */
const lines: string[] = [];
const capture = new Writable({
  write(chunk, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});

const rng = new Rng(20261202);
const idNumber = syntheticIdNumber(rng, '310104', '1988-03-09', 'F');
const phone = syntheticMobile(rng);

/** A route whose query fails in the database with personal data among its parameters, as a buggy module would. */
const failingModule: AppModule = defineModule({
  name: 'failing',
  zones: ['police'],
  routes: async (app, { platform }) => {
    app.get('/api/test/sql-error', { config: { access: 'session' } }, async () => {
      await platform.db.execute(sql`select ${idNumber}::int as n, ${phone} as p`);
      return {};
    });
  },
});

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ logStream: capture, modules: [...MODULES, failingModule] });
});
afterAll(() => ctx?.close());

describe('the server log holds no personal data or credentials', () => {
  it('E9 search by ID number and phone, login, a failing SQL request and an ID-card upload', async () => {
    const officer = await loginFresh(ctx, 'officer01');
    await login(ctx.app, officer.username, 'Wrong#Passw0rd-x').catch(() => undefined);
    for (const q of [`idNumber=${idNumber}`, `phone=${phone}`, `idNumber=${idNumber}&phone=${phone}`]) {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/ebike/vehicles?${q}`, headers: officer.headers });
      expect(res.statusCode, q).toBe(200);
    }
    const failed = await ctx.app.inject({ method: 'GET', url: '/api/test/sql-error', headers: officer.headers });
    expect(failed.statusCode).toBe(500);

    const road = await loginFresh(ctx, 'road01');
    await ctx.database.db.execute(
      sql`insert into role_permissions (role_id, permission) select id, 'recognition:id-card' from roles where code = 'road_officer' on conflict do nothing`,
    );
    const card = loadTruth().find((i) => i.kind === 'id-card-front')!;
    const form = multipartForm([{ name: 'image', file: readFileSync(path.join(FIXTURE_DIR, card.file)), filename: 'card.jpg', contentType: 'image/jpeg' }]);
    const recognised = await ctx.app.inject({
      method: 'POST',
      url: '/api/recognition/id-card',
      headers: { ...(await login(ctx.app, road.username, road.password)).headers, ...form.headers },
      payload: form.payload,
    });
    expect(recognised.statusCode, recognised.body.slice(0, 200)).toBe(200);

    const log = lines.join('');
    // The log did record these requests (so absence below means redaction, not silence).
    expect(log).toMatch(/\/api\/ebike\/vehicles\?idNumber=\*/);
    expect(log).toMatch(/unhandled error/);
    expect(log).toMatch(/\/api\/recognition\/id-card/);
    const secrets = [idNumber, phone, officer.password, road.password, 'Wrong#Passw0rd-x', ...ctx.accounts.map((a) => a.password)];
    const truth = card.truth as Record<string, string>;
    for (const field of ['idNumber', 'name', 'address']) if (truth[field]) secrets.push(truth[field]);
    for (const s of secrets) expect(log.includes(s), `log contains ${s.slice(0, 3)}…`).toBe(false);
    expect(log).not.toMatch(/(?<!\d)\d{17}[\dX](?!\d)/); // no 18-digit ID number of anyone
    expect(log).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/); // no mobile number
  }, 180_000);
});
