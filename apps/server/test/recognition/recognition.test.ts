import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { type FormPart, multipartForm } from '../multipart-body.ts';
import { createTestApp, loginFresh, type Session, type TestContext, type TestUser } from '../test-app.ts';
import { FIXTURE_DIR, loadTruth, type TruthItem } from './recognition-eval.ts';

/**
 * 图像识别 through the HTTP API: accuracy floors on the committed synthetic set (tools/recognition-fixtures), input
 * validation with Chinese errors, permissions and audit. One OCR engine (worker thread) serves the whole file.
 */
let ctx: TestContext;
let road: TestUser;
let officer: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  // The road officer's role gets the ID recognition permissions (the seed proposes recognition:plate, recognition:id-number and recognition:id-card).
  await ctx.database.db.execute(
    sql`insert into role_permissions (role_id, permission) select id, p from roles, unnest(array['recognition:plate','recognition:id-number','recognition:id-card']) as p where code = 'road_officer' on conflict do nothing`,
  );
  road = await loginFresh(ctx, 'road01');
  officer = await loginFresh(ctx, 'officer01');
});
afterAll(async () => {
  await ctx?.close();
});

async function upload(session: Session | null, url: string, parts: FormPart[]) {
  const f = multipartForm(parts);
  return ctx.app.inject({ method: 'POST', url, payload: f.payload, headers: { ...(session?.headers ?? {}), ...f.headers } });
}

const fixture = (file: string) => readFileSync(path.join(FIXTURE_DIR, file));

describe('accuracy on the committed synthetic fixtures', () => {
  const items = loadTruth();
  const outcomes: { item: TruthItem; ok: Record<string, boolean>; got: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    for (const item of items) {
      const url = item.kind === 'plate' ? '/api/recognition/plate' : item.kind === 'id-number' ? '/api/recognition/id-number' : '/api/recognition/id-card';
      const res = await upload(road, url, [{ name: 'image', file: fixture(item.file) }]);
      expect(res.statusCode, `${item.file}: ${res.body.slice(0, 300)}`).toBe(200);
      const body = res.json();
      const got: Record<string, unknown> =
        item.kind === 'plate'
          ? { plate: body.plate, type: body.type }
          : item.kind === 'id-number'
            ? { idNumber: body.idNumber.value }
            : Object.fromEntries(Object.entries((body.front ?? body.back ?? {}) as Record<string, { value: unknown }>).map(([k, f]) => [k, f.value]));
      outcomes.push({ item, got, ok: Object.fromEntries(Object.entries(item.truth).map(([k, v]) => [k, got[k] === v])) });
    }
    const rate = (field: string, kinds?: string[]) => {
      const rel = outcomes.filter((o) => field in o.ok && (!kinds || kinds.includes(o.item.kind)));
      return `${rel.filter((o) => o.ok[field]).length}/${rel.length}`;
    };
    console.log(
      `recognition accuracy: plate ${rate('plate')}, plate type ${rate('type')}, ID number ${rate('idNumber')} (strips ${rate('idNumber', ['id-number'])}, card fronts ${rate('idNumber', ['id-card-front'])}), ` +
        ['name', 'sex', 'ethnicity', 'birthDate', 'address', 'authority', 'validFrom', 'validTo'].map((f) => `${f} ${rate(f)}`).join(', '),
    );
    for (const o of outcomes)
      if (Object.values(o.ok).some((x) => !x))
        console.log('miss', o.item.file, o.item.degradations.join('+'), JSON.stringify(o.item.truth), '→', JSON.stringify(o.got));
  }, 240_000);

  const share = (field: string, filter: (o: (typeof outcomes)[number]) => boolean = () => true) => {
    const rel = outcomes.filter((o) => field in o.ok && filter(o));
    return { n: rel.length, rate: rel.filter((o) => o.ok[field]).length / rel.length };
  };

  it('reads plates exactly in at least 95 % of the images, clean and hard', () => {
    const all = share('plate');
    expect(all.n).toBeGreaterThanOrEqual(40);
    expect(all.rate).toBeGreaterThanOrEqual(0.95);
    expect(share('plate', (o) => o.item.variant === 'hard').rate).toBeGreaterThanOrEqual(0.9);
    expect(share('type').rate).toBeGreaterThanOrEqual(0.9);
  });

  it('reads ID numbers exactly in at least 98 % of the images (strips and card fronts)', () => {
    const all = share('idNumber');
    expect(all.n).toBeGreaterThanOrEqual(50);
    expect(all.rate).toBeGreaterThanOrEqual(0.98);
  });

  it('reads the ID card fields', () => {
    for (const f of ['name', 'sex', 'ethnicity', 'birthDate', 'authority', 'validFrom', 'validTo']) expect(share(f).rate, f).toBeGreaterThanOrEqual(0.9);
    expect(share('address').rate).toBeGreaterThanOrEqual(0.8);
  });
});

describe('results are structured facts with provenance', () => {
  it('plate: picked by format in a scene with other text; box, colour and candidates', async () => {
    const item = loadTruth().find((i) => i.kind === 'plate' && i.layout === 'scene' && i.variant === 'clean' && i.truth.type === 'new-energy-small')!;
    const res = await upload(road, '/api/recognition/plate', [{ name: 'image', file: fixture(item.file) }]);
    const body = res.json();
    expect(body.plate).toBe(item.truth.plate);
    expect(body.type).toBe('new-energy-small');
    expect(body.typeLabel).toBe('小型新能源号牌');
    expect(body.colour).toBe('green');
    expect(body.box).toHaveLength(4);
    expect(body.candidates[0].plate).toBe(body.plate);
    expect(body.lines.length).toBeGreaterThan(1); // the scene's other text was read and passed over
    expect(body.source.lines.every((i: number) => typeof body.lines[i].text === 'string')).toBe(true);
  });

  it("e-bike plates: read with the e-bike module's plate shapes (the one parameter ebike.plate.patterns)", async () => {
    const item = loadTruth().find((i) => i.kind === 'plate' && i.variant === 'clean' && i.truth.type === 'ebike')!;
    const read = async () =>
      (
        await upload(road, '/api/recognition/plate', [
          { name: 'image', file: fixture(item.file) },
          { name: 'kind', value: 'ebike' },
        ])
      ).json();
    expect(await read()).toMatchObject({ plate: item.truth.plate, type: 'ebike', typeLabel: '电动自行车号牌' });

    const keys = (await ctx.platform.params.list()).map((p) => p.key);
    expect(keys).toContain('ebike.plate.patterns');
    expect(keys.filter((k) => /plate.*pattern/i.test(k))).toEqual(['ebike.plate.patterns']);
    const sys = await loginFresh(ctx, 'sysadmin');
    const set = (value: string[]) =>
      ctx.app.inject({ method: 'PUT', url: '/api/system/params/ebike.plate.patterns', headers: sys.headers, payload: { value } });
    expect((await set(['沪\\d{8}'])).statusCode).toBe(200);
    try {
      expect(await read()).toMatchObject({ plate: null, type: null });
    } finally {
      expect((await set(['^沪[A-Z][A-Z0-9]{6}$'])).statusCode).toBe(200);
    }
    expect((await read()).plate).toBe(item.truth.plate);
  });

  it('ID card front: fields with confidence and source line, checks against the number', async () => {
    const item = loadTruth().find((i) => i.kind === 'id-card-front' && i.variant === 'clean')!;
    const body = (await upload(road, '/api/recognition/id-card', [{ name: 'image', file: fixture(item.file) }])).json();
    expect(body.side).toBe('front');
    expect(body.front.idNumber.value).toBe(item.truth.idNumber);
    expect(body.front.idNumber.facts).toMatchObject({ valid: true, birthDate: item.truth.birthDate, sex: item.truth.sex });
    expect(body.front.name.confidence).toBeGreaterThan(0.5);
    expect(body.lines[body.front.name.source.lines[0]].text).toContain(item.truth.name);
    const checks = Object.fromEntries(body.checks.map((c: { code: string; result: string }) => [c.code, c.result]));
    expect(checks).toMatchObject({ 'id.checkDigit': 'pass', 'idcard.birthDateMatchesNumber': 'pass', 'idcard.sexMatchesNumber': 'pass' });
  });

  it('ID card back: authority and validity; side can be forced', async () => {
    const item = loadTruth().find((i) => i.kind === 'id-card-back' && i.variant === 'clean')!;
    const body = (
      await upload(road, '/api/recognition/id-card', [
        { name: 'side', value: 'back' },
        { name: 'image', file: fixture(item.file) },
      ])
    ).json();
    expect(body.side).toBe('back');
    expect(body.back.authority.value).toBe(item.truth.authority);
    expect(body.checks.find((c: { code: string }) => c.code === 'idcard.validity.shape').result).toBe('pass');
  });

  it('ID number: audited as a recognition, never with the number itself', async () => {
    const item = loadTruth().find((i) => i.kind === 'id-number')!;
    const res = await upload(road, '/api/recognition/id-number', [{ name: 'image', file: fixture(item.file) }]);
    expect(res.json().idNumber.value).toBe(item.truth.idNumber);
    expect(res.json().checks.every((c: { result: string }) => c.result === 'pass')).toBe(true);
    const rows = await queryRows<{ action: string; result: string; target_id: string; details: unknown; username: string }>(
      ctx.database.db,
      sql`select action, result, target_id, details, username from audit_log where action = 'recognition.id-number' order by id desc limit 1`,
    );
    expect(rows[0]).toMatchObject({ action: 'recognition.id-number', result: 'success', username: road.username });
    expect(rows[0]!.target_id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const everything = JSON.stringify(await queryRows(ctx.database.db, sql`select * from audit_log where action like 'recognition.%'`));
    expect(everything).not.toContain(item.truth.idNumber);
    expect(everything).not.toContain(item.truth.idNumber!.slice(6, 14));
  });
});

describe('input validation', () => {
  const url = '/api/recognition/plate';

  it('refuses a file that is not JPEG, PNG or WebP by its bytes, whatever its name', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary');
    const res = await upload(road, url, [{ name: 'image', file: gif, filename: 'photo.jpg' }]);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'IMAGE_TYPE_UNSUPPORTED', message: expect.stringContaining('仅支持 JPEG、PNG、WebP') });
    const text = await upload(road, url, [{ name: 'image', file: Buffer.from('hello, not an image') }]);
    expect(text.json().code).toBe('IMAGE_TYPE_UNSUPPORTED');
  });

  it('refuses a corrupt image with a Chinese message', async () => {
    const res = await upload(road, url, [{ name: 'image', file: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]) }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMAGE_CORRUPT', message: expect.stringContaining('图片无法解码') });
  });

  it('refuses a file over the size parameter (413)', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(8 * 1024 * 1024 + 10, 1)]);
    const res = await upload(road, url, [{ name: 'image', file: big }]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'IMAGE_TOO_LARGE', message: '图片文件过大，不能超过 8 MB' });
  });

  it('refuses a decompression bomb by its declared size, before decoding', async () => {
    // A valid tiny PNG whose header then claims 60000 × 60000 pixels (3.6 gigapixels).
    const png = Buffer.from(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    png.writeUInt32BE(60_000, 16);
    png.writeUInt32BE(60_000, 20);
    const { crc32 } = await import('node:zlib');
    png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
    const res = await upload(road, url, [{ name: 'image', file: png }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMAGE_TOO_MANY_PIXELS', message: expect.stringContaining('60000×60000') });
  });

  it('asks for the image field, multipart, and valid options', async () => {
    expect((await upload(road, url, [{ name: 'kind', value: 'motor' }])).json()).toMatchObject({
      code: 'IMAGE_REQUIRED',
      message: '请上传图片（表单字段 image）',
    });
    const json = await ctx.app.inject({ method: 'POST', url, headers: road.headers, payload: { image: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('MULTIPART_REQUIRED');
    const bad = await upload(road, url, [
      { name: 'kind', value: 'tank' },
      { name: 'image', file: fixture('plates/001.jpg') },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0]).toMatchObject({ field: 'kind', message: 'kind 须为 any、motor 或 ebike' });
    const two = await upload(road, url, [
      { name: 'image', file: fixture('plates/001.jpg') },
      { name: 'image', file: fixture('plates/002.jpg') },
    ]);
    expect(two.json().code).toBe('TOO_MANY_FILES');
  });

  it('audits a refused upload as a failed recognition', async () => {
    await upload(road, '/api/recognition/id-card', [{ name: 'image', file: Buffer.from('not an image at all') }]);
    const rows = await queryRows<{ result: string; reason: string }>(
      ctx.database.db,
      sql`select result, reason from audit_log where action = 'recognition.id-card' order by id desc limit 1`,
    );
    expect(rows[0]).toEqual({ result: 'failure', reason: 'IMAGE_TYPE_UNSUPPORTED' });
  });
});

describe('permissions', () => {
  it('needs a session, and the recognition permission of each kind', async () => {
    const image = fixture('plates/001.jpg');
    for (const u of ['/api/recognition/plate', '/api/recognition/id-number', '/api/recognition/id-card']) {
      expect((await upload(null, u, [{ name: 'image', file: image }])).statusCode).toBe(401);
      const denied = await upload(officer, u, [{ name: 'image', file: image }]);
      expect(denied.statusCode).toBe(403);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/recognition/engine', headers: officer.headers })).statusCode).toBe(403);
    const status = await ctx.app.inject({ method: 'GET', url: '/api/recognition/engine', headers: road.headers });
    expect(status.json()).toMatchObject({ state: 'ready', busy: false });
  });

  it('registers its permission tree and parameters, and documents the routes', async () => {
    const sec = await loginFresh(ctx, 'secadmin');
    const tree = (await ctx.app.inject({ method: 'GET', url: '/api/system/permissions', headers: sec.headers })).json();
    expect(JSON.stringify(tree)).toContain('recognition:id-card');
    const params = ctx.platform.params;
    expect((await params.list()).filter((p) => p.module === 'recognition').map((p) => p.key)).toContain('recognition.engine.maxQueue');
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.paths['/api/recognition/plate'].post.tags).toEqual(['图像识别']);
    expect(Object.keys(doc.paths['/api/recognition/id-card'].post.requestBody.content)).toEqual(['multipart/form-data']);
  });
});
