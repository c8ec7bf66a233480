import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecaptureDetector } from '../../src/modules/recognition/recapture/recapture.ts';
import { DEMO_INVOICES } from '../../src/modules/tempplate/demo/demo-images.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { multipartForm } from '../multipart-body.ts';
import { createTestApp, loginFresh, type Session, type TestContext } from '../test-app.ts';

/** 翻拍检测 through the HTTP API: docType validation (400), thresholds as parameters, permission, audit. */
const FIXTURES = path.join(import.meta.dirname, '../fixtures/recapture');
const truth = JSON.parse(readFileSync(path.join(FIXTURES, 'truth.json'), 'utf8')) as { file: string; docType: string; cls: string }[];
const URL = '/api/recognition/recapture';

let ctx: TestContext;
let road: Session;
let officer: Session;
let sys: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.database.db.execute(
    sql`insert into role_permissions (role_id, permission) select id, 'recognition:recapture' from roles where code = 'road_officer'`,
  );
  road = await loginFresh(ctx, 'road01');
  officer = await loginFresh(ctx, 'officer01');
  sys = await loginFresh(ctx, 'sysadmin');
});
afterAll(async () => {
  await ctx?.close();
});

const form = (fields: Record<string, string>, image?: Buffer) =>
  multipartForm([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    ...(image ? [{ name: 'image', file: image, filename: 'photo.jpg', contentType: 'image/jpeg' }] : []),
  ]);

const post = (session: Session | null, fields: Record<string, string>, image?: Buffer) => {
  const f = form(fields, image);
  return ctx.app.inject({ method: 'POST', url: URL, payload: f.payload, headers: { ...(session?.headers ?? {}), ...f.headers } });
};
const setParam = (key: string, value: number) => ctx.app.inject({ method: 'PUT', url: `/api/system/params/${key}`, headers: sys.headers, payload: { value } });

const item = truth.find((t) => t.cls === 'screen') ?? (truth[0] as (typeof truth)[number]);
const image = () => readFileSync(path.join(FIXTURES, item.file));

describe('POST /api/recognition/recapture', () => {
  it('returns a score, a decision at the type threshold, reasons and the model version', async () => {
    const res = await post(road, { docType: item.docType }, image());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.score).toBeGreaterThanOrEqual(0);
    expect(body.score).toBeLessThanOrEqual(1);
    expect(['original', 'recapture', 'uncertain']).toContain(body.decision);
    expect(body.modelVersion).toMatch(/^recapture-/);
    const params = (await ctx.app.inject({ method: 'GET', url: '/api/system/params', headers: sys.headers })).json() as { key: string; value: number }[];
    expect(body.threshold).toBe(params.find((p) => p.key === `recognition.recapture.threshold.${item.docType}`)?.value);
    for (const r of body.reasons) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a missing or unknown docType with 400 and a Chinese message on the field', async () => {
    const bad = await post(road, { docType: 'passport' }, image());
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'docType', message: expect.stringContaining('不支持的证件类型：passport') }],
    });
    const missing = await post(road, {}, image());
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details[0].message).toContain('请填写证件类型');
    expect((await post(road, { docType: 'id-card' })).json().code).toBe('IMAGE_REQUIRED');
  });

  it('follows the threshold parameter of the document type', async () => {
    const key = `recognition.recapture.threshold.${item.docType}`;
    const score = (await post(road, { docType: item.docType }, image())).json().score as number;
    expect((await setParam('recognition.recapture.uncertainMargin', 0)).statusCode).toBe(200);
    expect((await setParam(key, Math.max(0, score - 0.001))).statusCode).toBe(200);
    expect((await post(road, { docType: item.docType }, image())).json()).toMatchObject({ decision: 'recapture', threshold: Math.max(0, score - 0.001) });
    const above = Math.min(1, score + 0.001);
    const below = score < above; // false only for a score of exactly 1
    expect((await setParam(key, above)).statusCode).toBe(200);
    expect((await post(road, { docType: item.docType }, image())).json().decision).toBe(below ? 'original' : 'recapture');
    // A margin turns a near miss into 'uncertain'.
    expect((await setParam('recognition.recapture.uncertainMargin', 0.1)).statusCode).toBe(200);
    expect((await post(road, { docType: item.docType }, image())).json().decision).toBe(below ? 'uncertain' : 'recapture');
    const outOfRange = await setParam(key, 1.5);
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().message).toContain('不能大于 1');
  });

  it('needs a session and the recognition:recapture permission, and is in the OpenAPI document', async () => {
    expect((await post(null, { docType: 'id-card' }, image())).statusCode).toBe(401);
    expect((await post(officer, { docType: 'id-card' }, image())).statusCode).toBe(403);
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths[URL].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(doc.paths[URL].post.responses['200']).toBeDefined();
  });

  it('is open to the supervisor of the demo seed (the 识别工作台 shows the 翻拍检测 card)', async () => {
    const supervisor = await loginFresh(ctx, 'supervisor01');
    const res = await post(supervisor, { docType: item.docType }, image());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().docType).toBe(item.docType);
  });

  it('is audited with the outcome and the image digest, never the image', async () => {
    await post(road, { docType: item.docType }, image());
    const rows = await queryRows<{ result: string; target_id: string; details: Record<string, unknown> }>(
      ctx.database.db,
      sql`select result, target_id, details from audit_log where action = 'recognition.recapture' and result = 'success' order by id desc limit 1`,
    );
    expect(rows[0]?.target_id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rows[0]?.details).toMatchObject({ docType: item.docType, decision: expect.any(String), score: expect.any(Number) });
    // Outcome only: a few hundred bytes of details, no image bytes in any encoding.
    expect(JSON.stringify(rows[0]?.details).length).toBeLessThan(600);
    const failed = await queryRows(ctx.database.db, sql`select reason from audit_log where action = 'recognition.recapture' and result = 'failure'`);
    expect(failed.length).toBeGreaterThan(0);
  });
});

describe('the document fixtures the temporary-plate demo shows', () => {
  it('are judged originals at the invoice threshold (so the demo raises no T8 翻拍 warning)', async () => {
    const detector = new RecaptureDetector();
    const threshold = detector.model.thresholds['vehicle-invoice'];
    for (const file of DEMO_INVOICES) {
      const image = readFileSync(path.join(import.meta.dirname, '../fixtures/recognition/documents', file));
      const r = await detector.check(image, { docType: 'vehicle-invoice', threshold, margin: 0.1, limits: { maxBytes: 6e6, maxPixels: 40e6 } });
      expect(r.decision, `${file} score ${r.score}`).toBe('original');
    }
  });
});
