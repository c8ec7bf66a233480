import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { type FormPart, multipartForm } from '../multipart-body.ts';
import { createTestApp, fieldsOf, loginFresh, type Session, type TestContext } from '../test-app.ts';
import { compareDocument, DOCUMENT_DIR, type DocumentTruthItem, FIXTURE_DIR, loadDocumentTruth, loadTruth } from './recognition-eval.ts';

/**
 * 图像识别 phase 2 through the HTTP API: field accuracy on the committed synthetic documents, invoice authenticity
 * (QR, arithmetic, business data, the simulated tax bureau), classification, T21 materials, validation, permissions
 * and audit. The tax verification simulator is started by the module (no TAX_VERIFY_URL under test).
 */
let ctx: TestContext;
let road: Session;
let officer: Session;
const PERMS = ['recognition:invoice', 'recognition:licence', 'recognition:import-certificate', 'recognition:classify', 'recognition:materials'];

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.database.db.execute(
    sql`insert into role_permissions (role_id, permission) select id, p from roles, unnest(${`{${PERMS.join(',')}}`}::text[]) as p where code = 'road_officer'`,
  );
  road = await loginFresh(ctx, 'road01');
  officer = await loginFresh(ctx, 'officer01');
});
afterAll(async () => {
  await ctx?.close();
});

async function upload(session: Session | null, url: string, parts: FormPart[]) {
  const f = multipartForm(parts.map((p) => (p.file ? { ...p, filename: 'x.jpg' } : p)));
  return ctx.app.inject({ method: 'POST', url, payload: f.payload, headers: { ...(session?.headers ?? {}), ...f.headers } });
}

const items = loadDocumentTruth();
const doc = (file: string) => readFileSync(path.join(DOCUMENT_DIR, file));
const find = (pred: (i: DocumentTruthItem) => boolean) => {
  const item = items.find(pred);
  if (!item) throw new Error('fixture missing');
  return item;
};
type Checks = { code: string; result: string; message: string }[];
const byCode = (checks: Checks) => Object.fromEntries(checks.map((c) => [c.code, c.result]));
const ROUTE: Record<DocumentTruthItem['docType'], string> = {
  'motor-invoice': '/api/recognition/invoice',
  'digital-invoice': '/api/recognition/invoice',
  'business-licence': '/api/recognition/licence',
  'import-certificate': '/api/recognition/import-certificate',
  'residence-permit': '/api/recognition/classify',
  'tax-registration': '/api/recognition/classify',
  'uscc-certificate': '/api/recognition/classify',
};
/** The classified types' readings in the classify response. */
const CLASSIFIED = { 'residence-permit': 'residencePermit', 'tax-registration': 'taxRegistration', 'uscc-certificate': 'usccCertificate' } as const;

describe('accuracy on the committed synthetic documents', () => {
  const outcomes: { item: DocumentTruthItem; ok: Record<string, boolean>; checks: Checks; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    for (const item of items.filter((i) => !i.tampered)) {
      const res = await upload(road, ROUTE[item.docType], [{ name: 'image', file: doc(item.file) }]);
      expect(res.statusCode, `${item.file}: ${res.body.slice(0, 300)}`).toBe(200);
      const body = res.json();
      const classified = item.docType in CLASSIFIED ? body.reading?.[CLASSIFIED[item.docType as keyof typeof CLASSIFIED]] : null;
      const fields: Record<string, { value: string | null }> = classified !== null ? (classified?.fields ?? {}) : body.fields;
      const got = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value]));
      if (body.kind) got.kind = body.kind;
      if (classified?.form !== undefined) got.form = classified.form;
      const checks: Checks = classified !== null ? (classified?.checks ?? []) : body.checks;
      outcomes.push({ item, ok: compareDocument(item, got), checks, body });
    }
    const rate = (f: string) => {
      const rel = outcomes.filter((o) => f in o.ok);
      return `${rel.filter((o) => o.ok[f]).length}/${rel.length}`;
    };
    console.log(
      `document accuracy: ${['invoiceNumber', 'invoiceCode', 'vin', 'totalAmount', 'netAmount', 'taxAmount', 'buyerId', 'sellerTaxId', 'uscc', 'name', 'certificateNo', 'idNumber', 'address', 'taxpayerId', 'form', 'validity'].map((f) => `${f} ${rate(f)}`).join(', ')}`,
    );
    for (const o of outcomes)
      if (Object.values(o.ok).some((x) => !x))
        console.log(
          'miss',
          o.item.file,
          o.item.degradations.join('+'),
          Object.keys(o.ok)
            .filter((k) => !o.ok[k])
            .join(','),
        );
  }, 300_000);

  const share = (field: string, types: DocumentTruthItem['docType'][]) => {
    const rel = outcomes.filter((o) => field in o.ok && types.includes(o.item.docType));
    return { n: rel.length, rate: rel.filter((o) => o.ok[field]).length / rel.length };
  };
  const invoices: DocumentTruthItem['docType'][] = ['motor-invoice', 'digital-invoice'];

  it('reads invoice VIN, amount and number exactly in at least 95 % of the invoices, clean and hard', () => {
    for (const f of ['vin', 'totalAmount', 'invoiceNumber']) {
      const s = share(f, invoices);
      expect(s.n, f).toBe(12);
      expect(s.rate, f).toBeGreaterThanOrEqual(0.95);
    }
    for (const f of ['invoiceCode', 'netAmount', 'taxAmount', 'issueDate', 'buyerId', 'sellerTaxId'])
      expect(share(f, invoices).rate, f).toBeGreaterThanOrEqual(0.9);
  });

  it('reads licences, import certificates and residence permits', () => {
    expect(share('uscc', ['business-licence']).rate).toBeGreaterThanOrEqual(0.95);
    expect(share('name', ['business-licence']).rate).toBeGreaterThanOrEqual(0.8);
    expect(share('vin', ['import-certificate']).rate).toBeGreaterThanOrEqual(0.95);
    expect(share('certificateNo', ['import-certificate']).rate).toBeGreaterThanOrEqual(0.75);
    expect(share('idNumber', ['residence-permit']).rate).toBeGreaterThanOrEqual(0.95);
    expect(share('validTo', ['residence-permit']).rate).toBeGreaterThanOrEqual(0.75);
  });

  it('classifies 税务登记证 of both forms and reads the 纳税人识别号 with its check (15 characters before 2015, else the USCC)', () => {
    const taxes = outcomes.filter((o) => o.item.docType === 'tax-registration');
    expect(taxes.map((o) => o.item.truth.form).sort()).toEqual(['pre-2015', 'pre-2015', 'uscc', 'uscc']);
    for (const o of taxes) expect(o.body.type, o.item.file).toBe('tax-registration');
    expect(share('taxpayerId', ['tax-registration']).rate).toBeGreaterThanOrEqual(0.75);
    expect(share('form', ['tax-registration']).rate).toBeGreaterThanOrEqual(0.75);
    expect(share('name', ['tax-registration']).rate).toBeGreaterThanOrEqual(0.75);
    for (const o of taxes.filter((x) => x.ok.taxpayerId)) expect(byCode(o.checks)['tax.taxpayerId.check'], o.item.file).toBe('pass');
  });

  it('classifies 统一社会信用代码证书 as its own type (T17), reads the code with its GB 32100 check and flags an ended validity', () => {
    const certs = outcomes.filter((o) => o.item.docType === 'uscc-certificate');
    expect(certs).toHaveLength(4);
    for (const o of certs) expect(o.body.type, o.item.file).toBe('uscc-certificate');
    for (const f of ['uscc', 'name', 'legalRepresentative']) expect(share(f, ['uscc-certificate']).rate, f).toBeGreaterThanOrEqual(0.75);
    for (const o of certs.filter((x) => x.ok.uscc)) expect(byCode(o.checks)['usccCert.uscc.check'], o.item.file).toBe('pass');
    const ended = certs.find((o) => o.item.truth.validity?.startsWith('自2015'))!;
    const running = certs.find((o) => o.item.truth.validity?.endsWith('长期'))!;
    expect(byCode(ended.checks)['usccCert.validity.current']).toBe('fail');
    expect(byCode(running.checks)['usccCert.validity.current']).toBe('pass');
  });

  it('an issued, untouched invoice passes every structural, QR and tax-bureau check', () => {
    const o = outcomes.find((x) => x.item.file === find((i) => i.docType === 'motor-invoice' && i.variant === 'clean' && i.verifyStatus === '正常').file)!;
    const c = byCode(o.checks);
    expect(c).toMatchObject({
      'invoice.number.structure': 'pass',
      'invoice.code.structure': 'pass',
      'invoice.vin.check': 'pass',
      'invoice.buyerId.check': 'pass',
      'invoice.amount.sum': 'pass',
      'invoice.amount.words': 'pass',
      'invoice.qr.number': 'pass',
      'invoice.qr.amount': 'pass',
      'invoice.verify.exists': 'pass',
      'invoice.verify.status': 'pass',
      'invoice.verify.total': 'pass',
    });
    expect(o.body.verification).toMatchObject({ outcome: 'found', status: '正常' });
    expect((o.body.qr as { found: boolean }).found).toBe(true);
  });

  it('reports voided, red-reversed and never-issued invoices from the tax bureau', () => {
    for (const [status, code, message] of [
      ['作废', 'invoice.verify.status', '作废'],
      ['红冲', 'invoice.verify.status', '红冲'],
      ['不存在', 'invoice.verify.exists', '查无此票'],
    ] as const) {
      const o = outcomes.find((x) => x.item.verifyStatus === status)!;
      const check = o.checks.find((c) => c.code === code)!;
      expect(check, status).toMatchObject({ result: 'fail' });
      expect(check.message).toContain(message);
    }
  });
});

describe('invoice authenticity', () => {
  const clean = find((i) => i.docType === 'motor-invoice' && i.variant === 'clean' && i.verifyStatus === '正常' && !i.tampered);

  it('a raised total fails the arithmetic, the words and the tax-bureau total; the QR (pre-tax amount) still matches', async () => {
    const item = find((i) => i.tampered === 'total');
    const body = (await upload(road, '/api/recognition/invoice', [{ name: 'image', file: doc(item.file) }])).json();
    const c = byCode(body.checks);
    expect(c['invoice.amount.sum']).toBe('fail');
    expect(c['invoice.amount.words']).toBe('fail');
    expect(c['invoice.verify.total']).toBe('fail');
    expect(c['invoice.qr.amount']).toBe('pass');
  });

  it('a consistently raised net and total pass the arithmetic but fail against the QR and the tax bureau', async () => {
    const item = find((i) => i.tampered === 'net-and-total');
    const body = (await upload(road, '/api/recognition/invoice', [{ name: 'image', file: doc(item.file) }])).json();
    const c = byCode(body.checks);
    expect(c['invoice.qr.amount']).toBe('fail');
    expect(c['invoice.verify.exists']).toBe('fail');
    expect(body.verification.outcome).toBe('mismatch');
  });

  it('cross-checks the business data posted with the image', async () => {
    const t = clean.truth;
    const ok = await upload(road, '/api/recognition/invoice', [
      { name: 'vin', value: t.vin!.toLowerCase() },
      { name: 'buyerId', value: t.buyerId! },
      { name: 'totalAmount', value: t.totalAmount! },
      { name: 'image', file: doc(clean.file) },
    ]);
    expect(ok.statusCode).toBe(200);
    expect(byCode(ok.json().checks)).toMatchObject({ 'business.vin': 'pass', 'business.buyerId': 'pass', 'business.totalAmount': 'pass' });
    const other = find((i) => i.docType === 'digital-invoice').truth;
    const bad = await upload(road, '/api/recognition/invoice', [
      { name: 'vin', value: other.vin! },
      { name: 'totalAmount', value: '1.00' },
      { name: 'image', file: doc(clean.file) },
    ]);
    const c = byCode(bad.json().checks);
    expect(c['business.vin']).toBe('fail');
    expect(c['business.totalAmount']).toBe('fail');
  });

  it('refuses malformed business data with a Chinese message per field (400)', async () => {
    const vin = clean.truth.vin!;
    const wrongCheck = vin.slice(0, 8) + (vin[8] === '0' ? '1' : '0') + vin.slice(9);
    const res = await upload(road, '/api/recognition/invoice', [
      { name: 'vin', value: wrongCheck },
      { name: 'buyerId', value: '110105199001011234' },
      { name: 'image', file: doc(clean.file) },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(fieldsOf(res.json())).toEqual(['buyerId', 'vin']);
    expect(res.json().details[0].message).toContain('校验位');
    const unknown = await upload(road, '/api/recognition/invoice', [
      { name: 'colour', value: 'red' },
      { name: 'image', file: doc(clean.file) },
    ]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0].message).toContain('不允许的字段');
  });

  it('audits the call without the values read', async () => {
    const rows = await queryRows<{ details: unknown; result: string }>(
      ctx.database.db,
      sql`select details, result from audit_log where action = 'recognition.invoice' order by id desc limit 5`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const all = JSON.stringify(await queryRows(ctx.database.db, sql`select * from audit_log where action like 'recognition.%'`));
    expect(all).not.toContain(clean.truth.buyerId);
    expect(all).not.toContain(clean.truth.vin);
    expect(JSON.stringify(rows[0]!.details)).toContain('checksFailed');
  });
});

describe('classification', () => {
  it('tells the document types apart, ID cards and a plate photo included', async () => {
    const phase1 = loadTruth();
    const cases: [Buffer, string][] = [
      ...(['motor-invoice', 'digital-invoice', 'business-licence', 'import-certificate', 'residence-permit'] as const).map(
        (t) => [doc(find((i) => i.docType === t && i.variant === 'hard').file), t] as [Buffer, string],
      ),
      [readFileSync(path.join(FIXTURE_DIR, phase1.find((i) => i.kind === 'id-card-front')!.file)), 'id-card-front'],
      [readFileSync(path.join(FIXTURE_DIR, phase1.find((i) => i.kind === 'id-card-back')!.file)), 'id-card-back'],
      [readFileSync(path.join(FIXTURE_DIR, phase1.find((i) => i.kind === 'plate' && i.layout === 'crop')!.file)), 'other'],
    ];
    for (const [file, type] of cases) {
      const body = (await upload(road, '/api/recognition/classify', [{ name: 'image', file }])).json();
      expect(body.type, `${type}: ${JSON.stringify(body.scores)}`).toBe(type);
      if (type !== 'other') expect(body.confidence).toBeGreaterThan(0.5);
      expect(body.reading.type).toBe(type);
    }
  });
});

describe('T21: materials of a non-Shanghai applicant', () => {
  const permit = find((i) => i.docType === 'residence-permit' && i.variant === 'clean');
  const applicant = permit.truth.idNumber!;
  const invoice = doc(find((i) => i.docType === 'motor-invoice' && i.variant === 'clean').file);

  it('reports the residence permit present (same ID, in force) and the ID card missing', async () => {
    expect(applicant.startsWith('31')).toBe(false);
    const res = await upload(road, '/api/recognition/materials', [
      { name: 'idNumber', value: applicant },
      { name: 'images', file: invoice },
      { name: 'images', file: doc(permit.file) },
    ]);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ applicable: true, complete: false, requirements: ['id-card-front', 'residence-permit'] });
    expect(body.images.map((i: { type: string }) => i.type)).toEqual(['motor-invoice', 'residence-permit']);
    const [idCard, residence] = body.materials;
    expect(idCard).toMatchObject({ requirement: 'id-card-front', status: 'missing' });
    expect(residence).toMatchObject({ status: 'present', images: [1] });
    expect(byCode(residence.checks)).toEqual({ 'material.1.idNumber': 'pass', 'material.1.validity': 'pass' });
  });

  it('marks a material unreadable when an image cannot be read, and follows the parameter', async () => {
    const blank = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer();
    const res = (
      await upload(road, '/api/recognition/materials', [
        { name: 'idNumber', value: applicant },
        { name: 'images', file: blank },
      ])
    ).json();
    expect(res.materials.map((m: { status: string }) => m.status)).toEqual(['unreadable', 'unreadable']);
    const sys = await loginFresh(ctx, 'sysadmin');
    const set = await ctx.app.inject({
      method: 'PUT',
      url: '/api/system/params/recognition.t21.requiredMaterials',
      headers: sys.headers,
      payload: { value: ['residence-permit'] },
    });
    expect(set.statusCode).toBe(200);
    const bad = await ctx.app.inject({
      method: 'PUT',
      url: '/api/system/params/recognition.t21.requiredMaterials',
      headers: sys.headers,
      payload: { value: ['passport'] },
    });
    expect(bad.statusCode).toBe(400);
    const again = (
      await upload(road, '/api/recognition/materials', [
        { name: 'idNumber', value: applicant },
        { name: 'images', file: doc(permit.file) },
      ])
    ).json();
    expect(again).toMatchObject({ complete: true, requirements: ['residence-permit'] });
    // Someone else's permit: present, but the ID check fails and the set is not complete.
    const other = find((i) => i.docType === 'residence-permit' && i.truth.idNumber !== applicant);
    const mismatch = (
      await upload(road, '/api/recognition/materials', [
        { name: 'idNumber', value: applicant },
        { name: 'images', file: doc(other.file) },
      ])
    ).json();
    expect(mismatch.complete).toBe(false);
    expect(mismatch.materials[0].checks.find((c: { code: string }) => c.code.endsWith('idNumber')).result).toBe('fail');
  });

  it('does not apply to a Shanghai ID, and validates the request', async () => {
    const sh = await upload(road, '/api/recognition/materials', [
      { name: 'idNumber', value: '310115199003071239' },
      { name: 'images', file: invoice },
    ]);
    expect(sh.json()).toMatchObject({ applicable: false, complete: true, materials: [], idArea: { code: '310115', shanghai: true } });
    const badId = await upload(road, '/api/recognition/materials', [
      { name: 'idNumber', value: '310115199003071238' },
      { name: 'images', file: invoice },
    ]);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().details[0]).toMatchObject({ field: 'idNumber', message: '申请人身份证号码校验位错误' });
    const tooMany = await upload(road, '/api/recognition/materials', [
      { name: 'idNumber', value: applicant },
      ...Array.from({ length: 7 }, () => ({ name: 'images', file: invoice })),
    ]);
    expect(tooMany.json()).toMatchObject({ code: 'TOO_MANY_FILES', message: '一次最多上传 6 张图片' });
    const noImage = await upload(road, '/api/recognition/materials', [{ name: 'idNumber', value: applicant }]);
    expect(noImage.json().code).toBe('IMAGE_REQUIRED');
  });
});

describe('permissions and documentation', () => {
  it('needs a session and the permission of each route', async () => {
    const image = doc(items[0]!.file);
    for (const u of [
      '/api/recognition/invoice',
      '/api/recognition/licence',
      '/api/recognition/import-certificate',
      '/api/recognition/classify',
      '/api/recognition/materials',
    ]) {
      expect((await upload(null, u, [{ name: 'image', file: image }])).statusCode, u).toBe(401);
      expect((await upload(officer, u, [{ name: 'image', file: image }])).statusCode, u).toBe(403);
    }
  });

  it('documents the routes with their response schemas and registers the parameters', async () => {
    const docs = (await ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const p of ['invoice', 'licence', 'import-certificate', 'classify', 'materials']) {
      const op = docs.paths[`/api/recognition/${p}`].post;
      expect(op.tags).toEqual(['图像识别']);
      expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data']);
      expect(op.responses['200']).toBeDefined();
    }
    const keys = (await ctx.platform.params.list()).map((p) => p.key);
    expect(keys).toEqual(
      expect.arrayContaining(['recognition.t21.requiredMaterials', 'recognition.invoice.verifyTimeoutSeconds', 'recognition.materials.maxImages']),
    );
  });
});
