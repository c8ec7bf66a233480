import { readdirSync, readFileSync } from 'node:fs';
import { ARCHIVE_P } from '@shtp/core/archive';
import { ebikeRegistrations } from '@shtp/testkit';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { unopenedScanJob, warningDigestJob } from '../../src/modules/archive/archive.jobs.ts';
import { archiveRepository } from '../../src/modules/archive/archive.repository.ts';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { objectKey } from '../../src/platform/blobs/blob-store.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { rbacRepository } from '../../src/platform/rbac/rbac.repository.ts';
import { type ServiceCredentials, signedHeaders } from '../../src/platform/service-accounts/signing-client.ts';
import { uploadBlob } from '../blob-upload.ts';
import { createTestApp, loginFresh, type TestContext, type TestUser } from '../test-app.ts';
import { formPage, pdfOf, pdfOfJpeg } from './pdf-fixture.ts';

let ctx: TestContext;
let officer: TestUser;
let supervisor: TestUser;
const { registration } = ebikeRegistrations(20261215);

const call = (s: TestUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload }) });
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(ctx.platform.db, q);

/** A synthetic scanned page: ruled lines and blocks of "text" (sharp edges), distinct per label. */
async function page(label: number): Promise<Buffer> {
  const lines = Array.from(
    { length: 18 },
    (_, i) => `<rect x="60" y="${80 + i * 40}" width="${300 + ((i * 37 + label * 53) % 380)}" height="14" fill="#222"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000"><rect width="800" height="1000" fill="#fff"/>${lines}<circle cx="${100 + label * 20}" cy="900" r="40" fill="#000"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
const blank = () =>
  sharp({ create: { width: 800, height: 1000, channels: 3, background: '#fcfcfc' } })
    .jpeg()
    .toBuffer();
const blurred = async () =>
  sharp(await page(99))
    .blur(25)
    .jpeg()
    .toBuffer();

async function addPage(user: TestUser, archiveId: number, content: Buffer, body: Record<string, unknown>) {
  const { uploadId } = await uploadBlob(ctx, user, content);
  return call(user, 'POST', `/api/archive/archives/${archiveId}/pages`, { uploadId, source: 'doc_camera', ...body });
}

let lsh: string;
let plate: string;
let ownerId: string;
let archiveId: number;
let departmentId: number;

beforeAll(async () => {
  ctx = await createTestApp();
  officer = await loginFresh(ctx, 'officer01');
  supervisor = await loginFresh(ctx, 'supervisor01');
  const me = (await call(officer, 'GET', '/api/auth/me')).json();
  departmentId = me.user?.departmentId ?? me.department?.id;
  const pool = await call(supervisor, 'POST', '/api/ebike/plates/batches', { plateKind: 'P', departmentId, prefix: '沪A', from: 1, count: 10 });
  expect(pool.statusCode, pool.body).toBe(200);
  const body = registration();
  ownerId = (body as { owner: { idNumber: string } }).owner.idNumber;
  const res = await call(officer, 'POST', '/api/ebike/vehicles', body);
  expect(res.statusCode, res.body).toBe(200);
  lsh = res.json().business.lsh;
  plate = res.json().vehicle.plate;
});
afterAll(() => ctx.close());

describe('archive of an e-bike registration (A3, A5, A6, A8)', () => {
  it('opens the archive of a ledger business with the catalogue of required documents', async () => {
    const res = await call(officer, 'POST', '/api/archive/archives', { lsh });
    expect(res.statusCode, res.body).toBe(200);
    archiveId = res.json().id;
    expect(res.json()).toMatchObject({ lsh, businessType: 'register', complete: false });
    expect(
      res
        .json()
        .missing.map((m: { docType: string }) => m.docType)
        .sort(),
    ).toEqual(['application', 'ccc', 'origin', 'owner_id', 'vehicle_photo']);
    expect((await call(officer, 'POST', '/api/archive/archives', { lsh: '2612019999999' })).statusCode).toBe(404);
    expect((await call(officer, 'POST', '/api/archive/archives', { lsh: 'abc' })).statusCode).toBe(400);
  });

  it('refuses a blank page, and a blurred one unless the officer accepts it', async () => {
    const b = await addPage(officer, archiveId, await blank(), { docType: 'application' });
    expect(b.statusCode).toBe(422);
    expect(b.json()).toMatchObject({ code: 'ARCHIVE_PAGE_BLANK', message: expect.stringContaining('空白') });
    const u = await addPage(officer, archiveId, await blurred(), { docType: 'application' });
    expect(u.statusCode).toBe(422);
    expect(u.json().code).toBe('ARCHIVE_PAGE_BLURRED');
    const other = await loginFresh(ctx, 'officer01');
    const { uploadId } = await uploadBlob(ctx, other, await page(50));
    const stolen = await call(officer, 'POST', `/api/archive/archives/${archiveId}/pages`, { uploadId, docType: 'application', source: 'file' });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().code).toBe('ARCHIVE_UPLOAD_UNKNOWN');
  });

  it('warns while a page is missing past the limit, and clears when it arrives', async () => {
    for (const [i, docType] of (['application', 'ccc', 'origin', 'vehicle_photo'] as const).entries()) {
      const res = await addPage(officer, archiveId, await page(i), { docType });
      expect(res.statusCode, res.body).toBe(200);
    }
    const [first] = await rows<{ complete: boolean }>(sql`select complete from archives where id = ${archiveId}`);
    expect(first!.complete).toBe(false);
    await ctx.platform.db.execute(sql`update archives set accepted_at = now() - interval '2 days' where id = ${archiveId}`);
    const warned = (await call(supervisor, 'GET', '/api/archive/warnings')).json();
    expect(warned.items.map((a: { lsh: string }) => a.lsh)).toContain(lsh);
    expect(warned.items.find((a: { lsh: string }) => a.lsh === lsh).missing).toEqual([{ docType: 'owner_id', required: 1, present: 0 }]);
    expect(warned.byDepartment[0].count).toBeGreaterThanOrEqual(1);

    // The morning digest keeps the day's count per department; a second run of the day overwrites it.
    for (const run of [1, 2]) {
      await ctx.platform.jobs.enqueue(ctx.platform.db, warningDigestJob, {}, { idempotencyKey: `digest-${run}` });
      await ctx.platform.jobs.drain();
    }
    const digests = (await call(supervisor, 'GET', '/api/archive/warnings/digests?days=7')).json();
    expect(digests).toEqual([expect.objectContaining({ departmentId: warned.byDepartment[0].departmentId, incomplete: warned.byDepartment[0].count })]);
    expect((await call(supervisor, 'GET', '/api/archive/warnings/digests?days=0')).statusCode).toBe(400);
    expect((await call(officer, 'GET', '/api/archive/warnings/digests')).statusCode).toBe(403);

    const id = await addPage(officer, archiveId, await page(7), { docType: 'owner_id' });
    expect(id.json()).toMatchObject({ complete: true, missing: [] });
    const after = (await call(supervisor, 'GET', '/api/archive/warnings')).json();
    expect(after.items.map((a: { lsh: string }) => a.lsh)).not.toContain(lsh);
  });

  it('lets a supervisor find it city-wide by 流水号, plate and owner ID, view it watermarked, and audits every view', async () => {
    for (const q of [`lsh=${lsh}`, `plate=${encodeURIComponent(plate)}`, `ownerId=${ownerId}`]) {
      const found = (await call(supervisor, 'GET', `/api/archive/archives?${q}`)).json();
      expect(
        found.items.map((a: { lsh: string }) => a.lsh),
        q,
      ).toEqual([lsh]);
    }
    const detail = (await call(supervisor, 'GET', `/api/archive/archives/${archiveId}`)).json();
    expect(detail.signatureValid).toBe(true);
    expect(detail.pages).toHaveLength(5);
    // By department: the search form offers the departments of the caller's data scope.
    const departments = await call(supervisor, 'GET', '/api/archive/departments');
    expect(departments.statusCode, departments.body).toBe(200);
    expect(departments.json().map((d: { id: number }) => d.id)).toContain(detail.departmentId);
    const capturer = await loginFresh(ctx, { permissions: [ARCHIVE_P.capture] });
    expect((await call(capturer, 'GET', '/api/archive/departments')).statusCode).toBe(403);
    const inDepartment = (await call(supervisor, 'GET', `/api/archive/archives?departmentId=${detail.departmentId}&lsh=${lsh}`)).json();
    expect(inDepartment.items.map((a: { lsh: string }) => a.lsh)).toEqual([lsh]);
    await ctx.platform.jobs.drain(); // the renditions (and the ledger's uploads)
    const pageId = detail.pages[0].id;
    const image = await call(supervisor, 'GET', `/api/archive/pages/${pageId}/image?size=display`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    const [blob] = await rows<{ display_digest: string }>(sql`select display_digest from archive_pages where id = ${pageId}`);
    const plain = (await ctx.platform.blobs.get(blob!.display_digest))!.data;
    expect(image.rawPayload.equals(plain)).toBe(false); // the watermark was drawn on it
    const audits = await rows<{ action: string; username: string }>(
      sql`select action, username from audit_log where target_type = 'archive' and target_id = ${lsh} and action in ('archive.view', 'archive.page.view')`,
    );
    expect(audits).toEqual(
      expect.arrayContaining([
        { action: 'archive.view', username: supervisor.username },
        { action: 'archive.page.view', username: supervisor.username },
      ]),
    );
    expect((await call(officer, 'GET', `/api/archive/pages/${pageId}/download`)).statusCode).toBe(403);
    expect((await call(supervisor, 'GET', `/api/archive/pages/${pageId}/download`)).statusCode).toBe(200);
    expect((await call(officer, 'POST', `/api/archive/archives/${archiveId}/print`)).statusCode).toBe(403);
  });

  it('exports the search to Excel as the list shows it (plate masked), audited with the filters named, not their values', async () => {
    const exported = await call(supervisor, 'GET', `/api/archive/archives/export?ownerId=${ownerId}&incomplete=false`);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="archives-\d{14}\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('影像档案查询结果')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('流水号');
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2).values as unknown[];
    expect(row.slice(1, 3)).toEqual([lsh, '注册登记']);
    expect(row[4]).not.toBe(plate);
    expect(row[4]).toBe((await call(supervisor, 'GET', `/api/archive/archives?lsh=${lsh}`)).json().items[0].plate);
    expect(row[8]).toBe('已齐全');
    expect(JSON.stringify(row)).not.toContain(ownerId);
    const [audited] = await rows<{ details: unknown; username: string }>(sql`select details, username from audit_log where action = 'archive.search.export'`);
    expect(audited).toEqual({ details: { keys: ['ownerId', 'incomplete'] }, username: supervisor.username });
    expect((await call(supervisor, 'GET', '/api/archive/archives/export?from=2026-13-01')).statusCode).toBe(400);

    // No filter (the console's 导出Excel before a search): every archive of the caller's data scope, still masked.
    const lshsOf = async (s: TestUser) => {
      const res = await call(s, 'GET', '/api/archive/archives/export');
      expect(res.statusCode, res.body).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const lines: unknown[][] = [];
      book.getWorksheet('影像档案查询结果')!.eachRow((r, n) => {
        if (n > 1) lines.push(r.values as unknown[]);
      });
      return lines;
    };
    const all = await lshsOf(supervisor);
    const listed = (await call(supervisor, 'GET', '/api/archive/archives?pageSize=100')).json() as { total: number; items: { lsh: string }[] };
    expect(listed.total).toBeGreaterThan(0);
    expect(all.map((r) => r[1]).sort()).toEqual(listed.items.map((a) => a.lsh).sort());
    expect(JSON.stringify(all)).not.toContain(plate);
    const elsewhere = await loginFresh(ctx, { permissions: [ARCHIVE_P.view], dataScope: 'dept' });
    expect((await lshsOf(elsewhere)).map((r) => r[1])).not.toContain(lsh);
    const exports = await rows<{ details: unknown }>(sql`select details from audit_log where action = 'archive.search.export' order by id`);
    expect(exports.slice(1)).toEqual([{ details: { keys: [] } }, { details: { keys: [] } }]);
  });

  it('keeps every version on a replacement with a reason, and detects a page swapped in the database', async () => {
    const detail = (await call(officer, 'GET', `/api/archive/archives/${archiveId}`)).json();
    const old = detail.pages.find((p: { docType: string }) => p.docType === 'owner_id');
    const noReason = await addPage(officer, archiveId, await page(8), { docType: 'owner_id', replacesPageId: old.id });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('ARCHIVE_REASON_REQUIRED');
    const replaced = await addPage(officer, archiveId, await page(8), { docType: 'owner_id', replacesPageId: old.id, reason: '原页反光看不清' });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const now = (await call(supervisor, 'GET', `/api/archive/archives/${archiveId}`)).json();
    expect(now.version).toBe(detail.version + 1);
    expect(now.pages.find((p: { id: number }) => p.id === old.id)).toMatchObject({ removedInVersion: now.version });
    expect(now.pages.find((p: { id: number }) => p.id === replaced.json().pageId)).toMatchObject({
      reason: '原页反光看不清',
      seq: old.seq,
      addedInVersion: now.version,
    });
    expect(now.signatureValid).toBe(true);

    const other = (await ctx.platform.blobs.put(await page(9), { mime: 'image/jpeg' })).digest;
    await ctx.platform.db.execute(sql`update archive_pages set digest = ${other} where id = ${replaced.json().pageId}`);
    expect((await call(supervisor, 'GET', `/api/archive/archives/${archiveId}`)).json().signatureValid).toBe(false);
  });

  it('counts pages and completed archives per department, officer and day from the daily rollup, and exports them (A7)', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const period = `from=${today}&to=${today}`;
    type Stat = { key: string; label: string; pages: number; archivesCompleted: number; averageDelayHours: number | null };
    const by = async (grouping: string): Promise<Stat[]> => {
      const res = await call(supervisor, 'GET', `/api/archive/stats?${period}&by=${grouping}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const departments = await by('department');
    expect(departments.reduce((s, r) => s + r.pages, 0)).toBe(6);
    expect(departments.reduce((s, r) => s + r.archivesCompleted, 0)).toBe(1);
    // The archive was backdated two days before its ID page completed it.
    expect(departments.find((r) => r.archivesCompleted === 1)!.averageDelayHours).toBeGreaterThanOrEqual(48);
    const [{ display_name: officerName }] = (await rows<{ display_name: string }>(sql`select display_name from users where id = ${officer.id}`)) as [
      { display_name: string },
    ];
    const officers = await by('officer');
    expect(officers).toEqual([expect.objectContaining({ label: expect.stringContaining(officerName), pages: 6, archivesCompleted: 1 })]);
    expect(await by('day')).toEqual([expect.objectContaining({ key: today, pages: 6 })]);
    expect((await call(supervisor, 'GET', `/api/archive/stats?${period}&by=month`)).statusCode).toBe(400);
    expect((await call(officer, 'GET', `/api/archive/stats?${period}`)).statusCode).toBe(403);

    const res = await call(supervisor, 'GET', `/api/archive/stats/export?${period}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '日期', '部门', '民警', '警号', '采集页数', '采集齐全的业务', '平均采集时长（小时）']);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(today);
    expect(sheet.getRow(2).getCell(3).value).toBe(officerName);
    expect(sheet.getRow(2).getCell(5).value).toBe(6);
    const [exported] = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'archive.stats.export' and username = ${supervisor.username}`,
    );
    expect(exported!.n).toBe(1);
  });
});

describe('document type proposed by recognition (A3)', () => {
  it('proposes 来历证明 for an invoice photo, nothing for a form, and audits the proposal beside the type filed', async () => {
    const res = await call(officer, 'POST', '/api/ebike/vehicles', registration());
    expect(res.statusCode, res.body).toBe(200);
    const id = (await call(officer, 'POST', '/api/archive/archives', { lsh: res.json().business.lsh })).json().id;
    const classify = async (content: Buffer) => {
      const { uploadId } = await uploadBlob(ctx, officer, content);
      const r = await call(officer, 'POST', `/api/archive/archives/${id}/classify`, { uploadId });
      expect(r.statusCode, r.body).toBe(200);
      return { uploadId, proposal: r.json() };
    };
    const invoiceJpeg = readFileSync(new URL('../fixtures/recognition/documents/invoice-01.jpg', import.meta.url));
    const invoice = await classify(invoiceJpeg);
    expect(invoice.proposal).toMatchObject({ docType: 'origin', recognised: expect.stringContaining('发票'), confidence: expect.any(Number), pdfPages: null });
    expect((await classify(await page(31))).proposal.docType).toBeNull();
    // The same invoice scanned to PDF (at the resolution its pages are rendered at, 200 dpi by default): its first page
    // is read, and the proposal says how many pages go with it.
    const rgb = await sharp(invoiceJpeg).toColourspace('srgb').jpeg({ quality: 92 }).toBuffer();
    const { width, height } = await sharp(rgb).metadata();
    expect((await classify(pdfOfJpeg(rgb, width!, height!, 200))).proposal).toMatchObject({ docType: 'origin', pdfPages: 1 });
    expect((await classify(pdfOf([formPage(5), formPage(6)]))).proposal.docType).toBeNull();
    expect((await call(officer, 'POST', `/api/archive/archives/${id}/classify`, { uploadId: 'nobody' })).json().code).toBe('ARCHIVE_UPLOAD_UNKNOWN');

    // The officer files it under another type: both are in the audit.
    const filed = await call(officer, 'POST', `/api/archive/archives/${id}/pages`, {
      uploadId: invoice.uploadId,
      docType: 'other',
      source: 'camera',
      proposedDocType: 'origin',
    });
    expect(filed.statusCode, filed.body).toBe(200);
    const [audited] = await rows<{ details: { docType: string; proposedDocType: string } }>(
      sql`select details from audit_log where action = 'archive.page.add' and details->>'proposedDocType' is not null`,
    );
    expect(audited!.details).toMatchObject({ docType: 'other', proposedDocType: 'origin' });
  });
});

describe('PDF and TIFF pages (A3)', () => {
  let otherId: number;
  beforeAll(async () => {
    const res = await call(officer, 'POST', '/api/ebike/vehicles', registration());
    expect(res.statusCode, res.body).toBe(200);
    otherId = (await call(officer, 'POST', '/api/archive/archives', { lsh: res.json().business.lsh })).json().id;
  });

  it('files each page of a PDF as a page of the archive, and refuses the whole PDF for one blank page', async () => {
    const added = await addPage(officer, otherId, pdfOf([formPage(1), formPage(2), formPage(3)]), { docType: 'application', source: 'file' });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().pages).toBe(3);
    const detail = (await call(officer, 'GET', `/api/archive/archives/${otherId}`)).json();
    expect(detail.pages.map((p: { seq: number; mime: string; docType: string }) => [p.seq, p.mime, p.docType])).toEqual([
      [1, 'image/jpeg', 'application'],
      [2, 'image/jpeg', 'application'],
      [3, 'image/jpeg', 'application'],
    ]);
    const [size] = await rows<{ width: number; height: number }>(sql`select width, height from archive_pages where id = ${detail.pages[0].id}`);
    expect(size).toEqual({ width: Math.floor((595 * 200) / 72), height: Math.floor((842 * 200) / 72) }); // A4 at archive.pdf.dpi
    // Each page names the PDF it came from (erased with it at disposal); pages filed before the column get it from the audit.
    const originals = () => rows<{ original_digest: string | null }>(sql`select original_digest from archive_pages where archive_id = ${otherId}`);
    const [filedAudit] = await rows<{ digest: string }>(
      sql`select details->>'digest' as digest from audit_log where action = 'archive.page.add' and details->'pageIds' @> to_jsonb(${detail.pages[0].id}::bigint)`,
    );
    expect((await originals()).map((r) => r.original_digest)).toEqual([filedAudit!.digest, filedAudit!.digest, filedAudit!.digest]);
    await ctx.platform.db.execute(sql`update archive_pages set original_digest = null where archive_id = ${otherId}`);
    expect((await originals()).every((r) => r.original_digest === null)).toBe(true);
    const drizzle = new URL('../../drizzle/', import.meta.url);
    const backfill = readdirSync(drizzle).find((f) => f.endsWith('_archive_original_digest_backfill_sql.sql'))!;
    await ctx.platform.db.execute(sql.raw(readFileSync(new URL(backfill, drizzle), 'utf8')));
    expect((await originals()).map((r) => r.original_digest)).toEqual([filedAudit!.digest, filedAudit!.digest, filedAudit!.digest]);

    const blankSecond = await addPage(officer, otherId, pdfOf([formPage(4), '']), { docType: 'origin', source: 'file' });
    expect(blankSecond.statusCode).toBe(422);
    expect(blankSecond.json()).toMatchObject({ code: 'ARCHIVE_PAGE_BLANK', message: expect.stringMatching(/^第 2 页：.*空白/) });
    const broken = await addPage(officer, otherId, Buffer.from('%PDF-1.4\n这不是 PDF 的内容'), { docType: 'origin', source: 'file' });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().code).toBe('ARCHIVE_PDF_UNREADABLE');
    const twoForOne = await addPage(officer, otherId, pdfOf([formPage(5), formPage(6)]), {
      docType: 'application',
      source: 'file',
      replacesPageId: detail.pages[0].id,
      reason: '重新扫描',
    });
    expect(twoForOne.statusCode).toBe(400);
    expect(twoForOne.json().code).toBe('ARCHIVE_REPLACE_ONE_PAGE');
    expect((await call(officer, 'GET', `/api/archive/archives/${otherId}`)).json().pages).toHaveLength(3);
  });

  it('puts the pages in a new order with a reason: a new version, signed again, the old order audited (A5)', async () => {
    const before = (await call(officer, 'GET', `/api/archive/archives/${otherId}`)).json();
    const ids = before.pages.filter((p: { removedInVersion: number | null }) => p.removedInVersion === null).map((p: { id: number }) => p.id);
    expect(ids).toHaveLength(3);
    const url = `/api/archive/archives/${otherId}/order`;
    const reversed = [...ids].reverse();
    expect((await call(officer, 'PUT', url, { pageIds: reversed, reason: '' })).statusCode).toBe(400);
    const missing = await call(officer, 'PUT', url, { pageIds: reversed.slice(1), reason: '按页码顺序' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('ARCHIVE_ORDER_MISMATCH');
    expect((await call(officer, 'PUT', url, { pageIds: [reversed[0], reversed[0], reversed[1]], reason: '按页码顺序' })).json().code).toBe(
      'ARCHIVE_ORDER_MISMATCH',
    );

    const done = await call(officer, 'PUT', url, { pageIds: reversed, reason: '按页码顺序' });
    expect(done.statusCode, done.body).toBe(200);
    const after = (await call(officer, 'GET', `/api/archive/archives/${otherId}`)).json();
    expect(after.version).toBe(before.version + 1);
    expect(after.pages.map((p: { id: number }) => p.id)).toEqual(reversed);
    expect(after.signatureValid).toBe(true);
    const [audited] = await rows<{ reason: string; details: { before: number[] } }>(
      sql`select reason, details from audit_log where action = 'archive.page.reorder' and target_id = ${after.lsh}`,
    );
    expect(audited).toMatchObject({ reason: '按页码顺序', details: { before: ids } });
  });

  it('shows a TIFF page (a scanner file) as a watermarked JPEG', async () => {
    const tiff = await sharp(await page(11))
      .tiff()
      .toBuffer();
    const added = await addPage(officer, otherId, tiff, { docType: 'owner_id', source: 'file' });
    expect(added.statusCode, added.body).toBe(200);
    await ctx.platform.jobs.drain();
    for (const size of ['thumb', 'display']) {
      const image = await call(supervisor, 'GET', `/api/archive/pages/${added.json().pageId}/image?size=${size}`);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
      expect((await sharp(image.rawPayload).metadata()).format).toBe('jpeg');
    }
  });
});

describe('retention and legal hold', () => {
  it('shows how long the archive is kept, and sets and releases a legal hold with a reason, audited', async () => {
    const detail = (await call(supervisor, 'GET', `/api/archive/archives/${archiveId}`)).json();
    expect(new Date(detail.retainUntil).getFullYear() - new Date(detail.acceptedAt).getFullYear()).toBe(30); // archive.retention.years
    expect(detail.legalHold).toBe(false);

    const url = `/api/archive/archives/${archiveId}/hold`;
    const noReason = await call(supervisor, 'PUT', url, { hold: true, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details).toEqual([{ field: 'reason', message: '原因至少 2 个字' }]);
    expect((await call(officer, 'PUT', url, { hold: true, reason: '涉案车辆，法院调取' })).statusCode).toBe(403);

    const held = await call(supervisor, 'PUT', url, { hold: true, reason: '涉案车辆，法院调取' });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ legalHold: true, legalHoldReason: '涉案车辆，法院调取', legalHoldBy: expect.any(String) });
    expect((await call(supervisor, 'GET', `/api/archive/archives/${archiveId}`)).json()).toMatchObject({
      legalHold: true,
      legalHoldReason: '涉案车辆，法院调取',
    });
    const released = await call(supervisor, 'PUT', url, { hold: false, reason: '案件已结' });
    expect(released.json()).toMatchObject({ legalHold: false, legalHoldReason: null });
    const audits = await rows<{ action: string; reason: string }>(
      sql`select action, reason from audit_log where target_id = ${lsh} and action like 'archive.hold.%' order by id`,
    );
    expect(audits).toEqual([
      { action: 'archive.hold.set', reason: '涉案车辆，法院调取' },
      { action: 'archive.hold.release', reason: '案件已结' },
    ]);
  });
});

describe('pages attached by another registration system signed as a service account (A8)', () => {
  const account = async (scopes: string[], department: number): Promise<ServiceCredentials> => {
    const secadmin = await loginFresh(ctx, 'secadmin');
    const res = await call(secadmin, 'POST', '/api/security/service-accounts', {
      name: `登记系统${scopes.join()}${department}`,
      departmentId: department,
      scopes,
      signAlg: 'HMAC-SM3',
    });
    expect(res.statusCode, res.body).toBe(200);
    return { appId: res.json().account.appId, alg: 'HMAC-SM3', secret: res.json().secret };
  };
  const attach = (credentials: ServiceCredentials, body: object) => {
    const payload = JSON.stringify(body);
    const target = '/api/archive/attachments';
    const headers = { ...signedHeaders(credentials, { method: 'POST', target, body: payload }), 'content-type': 'application/json' };
    return ctx.app.inject({ method: 'POST', url: target, payload, headers, remoteAddress: '127.0.0.1' });
  };

  it('files a signed page by 流水号 (opening the archive), answers a re-delivery with the same page, and keeps to its scope', async () => {
    const registered = await call(officer, 'POST', '/api/ebike/vehicles', registration());
    expect(registered.statusCode, registered.body).toBe(200);
    const theLsh: string = registered.json().business.lsh;
    const system = await account(['archive:attach'], departmentId);
    const body = { lsh: theLsh, docType: 'application', content: (await page(21)).toString('base64') };

    const first = await attach(system, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ lsh: theLsh, duplicate: false, pages: 1, complete: false });
    expect(first.headers['x-signature']).toBeTruthy(); // the reply is signed
    const again = await attach(system, body);
    expect(again.json()).toMatchObject({ duplicate: true, pageId: first.json().pageId, version: first.json().version });

    const detail = (await call(officer, 'GET', `/api/archive/archives/${first.json().archiveId}`)).json();
    expect(detail.pages).toEqual([
      expect.objectContaining({ source: 'system', docType: 'application', capturedByName: expect.stringMatching(/^接入应用：登记系统/) }),
    ]);
    expect(detail.signatureValid).toBe(true);
    const audits = await rows<{ action: string; username: string }>(
      sql`select action, username from audit_log where target_id = ${theLsh} and action in ('archive.open', 'archive.page.add') order by id`,
    );
    expect(audits).toEqual([
      { action: 'archive.open', username: `app:${system.appId}` },
      { action: 'archive.page.add', username: `app:${system.appId}` },
    ]);

    const blankPage = await attach(system, { ...body, content: (await blank()).toString('base64') });
    expect(blankPage.statusCode).toBe(422);
    expect(blankPage.json().code).toBe('ARCHIVE_PAGE_BLANK');
    const notImage = await attach(system, { ...body, content: Buffer.from('不是图片').toString('base64') });
    expect(notImage.statusCode).toBe(415);
    expect(notImage.json().details).toEqual([{ field: 'content', message: expect.stringContaining('不支持的文件类型') }]);
    expect((await attach(system, { ...body, content: '不是 Base64' })).statusCode).toBe(400);

    const recogniser = await account(['recognition:call'], departmentId);
    expect((await attach(recogniser, body)).json().code).toBe('SCOPE_DENIED');
    const [elsewhere] = await rows<{ id: number }>(
      sql`select o.id from departments o, departments me where me.id = ${departmentId}
           and not o.path like me.path || '%' and not me.path like o.path || '%' order by o.id limit 1`,
    );
    const stranger = await account(['archive:attach'], elsewhere!.id);
    const refused = await attach(stranger, { ...body, docType: 'owner_id' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('ARCHIVE_NO_BUSINESS');
    expect((await call(officer, 'GET', `/api/archive/archives/${first.json().archiveId}`)).json().pages).toHaveLength(1);

    // The rollup counts the system's pages under 接入应用.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const officers = (await call(supervisor, 'GET', `/api/archive/stats?from=${today}&to=${today}&by=officer`)).json();
    expect(officers).toContainEqual(expect.objectContaining({ label: expect.stringMatching(/^接入应用（/), pages: 1 }));
  });
});

describe('businesses never opened, and the completeness rate (A6, A7)', () => {
  it('warns of an accepted business whose archive was never opened until it is, and rates the archives opened that are complete', async () => {
    const sysadmin = await loginFresh(ctx, 'sysadmin');
    const setHours = await call(sysadmin, 'PUT', '/api/system/params/archive.warning.afterHours', { value: 0 });
    expect(setHours.statusCode, setHours.body).toBe(200);
    const registered = await call(officer, 'POST', '/api/ebike/vehicles', registration());
    expect(registered.statusCode, registered.body).toBe(200);
    const neverOpened: string = registered.json().business.lsh;
    type Unopened = { lsh: string; departmentId: number };
    const unopened = async () =>
      (await call(supervisor, 'GET', '/api/archive/warnings')).json().unopened as { items: Unopened[]; byDepartment: { count: number }[] };

    expect((await unopened()).items).toEqual([]); // not scanned yet
    // Responsible for the business's department: the supervisor (their scope) and one above with the subtree; not one of
    // the headquarters alone, nor an officer without the warnings permission.
    const above = await loginFresh(ctx, { permissions: [ARCHIVE_P.warnings], dataScope: 'dept_and_children' });
    const aside = await loginFresh(ctx, { permissions: [ARCHIVE_P.warnings], dataScope: 'dept' });
    type Notice = { id: number; kind: string; title: string; body: string; link: string | null; readAt: string | null };
    const notices = async (s: TestUser) => {
      const res = await call(s, 'GET', '/api/notifications?pageSize=50');
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: Notice[]; unread: number };
      return { unread: page.unread, items: page.items.filter((n) => n.kind === 'archive.unopened') };
    };
    // Run now (the supervisor's button), then the hourly schedule's run: one notification each, not one per run.
    expect((await call(officer, 'POST', '/api/archive/warnings/scan')).statusCode).toBe(403);
    const scan = await call(supervisor, 'POST', '/api/archive/warnings/scan');
    expect(scan.statusCode, scan.body).toBe(200);
    // The page follows the job it queued: running until a worker has run it, then what it found in the caller's scope.
    const queued = scan.json() as { jobId: number; phase: string };
    expect(queued).toEqual({ jobId: expect.any(Number), phase: 'running', error: null, found: null, finishedAt: null });
    const scanState = (s: TestUser, id: number) => call(s, 'GET', `/api/archive/warnings/scan/${id}`);
    expect((await scanState(supervisor, queued.jobId)).json()).toMatchObject({ jobId: queued.jobId, phase: 'running' });
    expect((await scanState(officer, queued.jobId)).statusCode).toBe(403);
    await ctx.platform.jobs.drain();
    expect((await scanState(supervisor, queued.jobId)).json()).toEqual({
      jobId: queued.jobId,
      phase: 'done',
      error: null,
      found: 1,
      finishedAt: expect.any(String),
    });
    expect((await scanState(aside, queued.jobId)).json()).toMatchObject({ phase: 'done', found: 0 });
    // A scan that fails says why; a job of another queue is not a scan.
    const failing = vi.spyOn(archiveRepository, 'typesNeedingPages').mockRejectedValueOnce(new Error('必需材料目录暂不可读'));
    const failed = await ctx.platform.jobs.enqueue(ctx.platform.db, unopenedScanJob, {}, { idempotencyKey: 'unopened-failing', maxAttempts: 1 });
    await ctx.platform.jobs.drain();
    failing.mockRestore();
    expect((await scanState(supervisor, failed.id)).json()).toMatchObject({ phase: 'failed', error: '必需材料目录暂不可读', found: null });
    const other = await ctx.platform.jobs.enqueue(
      ctx.platform.db,
      warningDigestJob,
      {},
      { idempotencyKey: 'digest-not-a-scan', runAt: new Date(Date.now() + 3_600_000) },
    );
    expect((await scanState(supervisor, other.id)).statusCode).toBe(404);
    await ctx.platform.jobs.cancel(other.id, systemActor('test'));
    const first = await notices(supervisor);
    expect(first.items).toEqual([expect.objectContaining({ title: '1 件业务受理超过 0 小时未采集影像', link: '/archive/warnings', readAt: null })]);
    expect(first.items[0]!.body).toMatch(/^\S+ 1 件。/);
    expect((await notices(above)).items).toEqual([expect.objectContaining({ title: first.items[0]!.title })]);
    expect((await notices(aside)).items).toEqual([]);
    expect((await notices(officer)).items).toEqual([]);
    // Each reads and marks only their own.
    expect((await call(officer, 'POST', `/api/notifications/${first.items[0]!.id}/read`)).statusCode).toBe(404);
    const read = await call(supervisor, 'POST', `/api/notifications/${first.items[0]!.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect((await notices(supervisor)).unread).toBe(first.unread - 1);
    await ctx.platform.jobs.enqueue(ctx.platform.db, unopenedScanJob, {}, { idempotencyKey: 'unopened-2' });
    await ctx.platform.jobs.drain();
    expect((await notices(supervisor)).items).toEqual([expect.objectContaining({ id: first.items[0]!.id, readAt: read.json().readAt })]);
    expect((await notices(above)).items).toHaveLength(1);
    const [audited] = await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'archive.warnings.scan'`);
    expect(audited!.n).toBe(1);
    const found = await unopened();
    // Only the business without an archive: every other one of this file was opened.
    expect(found.items.map((b) => b.lsh)).toEqual([neverOpened]);
    expect(found.byDepartment).toEqual([expect.objectContaining({ departmentId, count: 1 })]);
    expect((await call(officer, 'GET', '/api/archive/warnings')).statusCode).toBe(403);
    // The morning digest counts it beside the incomplete archives of its department.
    await ctx.platform.jobs.enqueue(ctx.platform.db, warningDigestJob, {}, { idempotencyKey: 'digest-unopened' });
    await ctx.platform.jobs.drain();
    const digests = (await call(supervisor, 'GET', '/api/archive/warnings/digests?days=1')).json();
    expect(digests).toEqual([expect.objectContaining({ departmentId, unopened: 1, incomplete: expect.any(Number) })]);
    // … and pushes it: one digest of the day to each supervisor responsible, whatever the number of archives.
    const digestNotices = async (s: TestUser) =>
      ((await call(s, 'GET', '/api/notifications')).json().items as Notice[]).filter((n) => n.kind === 'archive.warning-digest');
    const [pushed] = await digestNotices(above);
    expect(pushed?.title).toBe(`${digests[0].day} 影像采集预警汇总：未齐全 ${digests[0].incomplete} 件，未采集 1 件`);
    expect(await digestNotices(supervisor)).toEqual([expect.objectContaining({ title: pushed!.title })]);
    expect(await digestNotices(aside)).toEqual([]);
    const allRead = await call(above, 'POST', '/api/notifications/read-all');
    expect(allRead.json().updated).toBeGreaterThanOrEqual(2);
    expect((await notices(above)).unread).toBe(0);
    expect((await call(above, 'GET', '/api/notifications?unread=true')).json()).toMatchObject({ items: [], total: 0, unread: 0 });
    expect((await call(supervisor, 'GET', '/api/notifications?unread=true')).json().items.every((n: Notice) => n.readAt === null)).toBe(true);
    expect((await notices(supervisor)).unread).toBeGreaterThan(0);

    expect((await call(officer, 'POST', '/api/archive/archives', { lsh: neverOpened })).statusCode).toBe(200);
    expect((await unopened()).items).toEqual([]);
    const [left] = await rows<{ n: number }>(sql`select count(*)::int as n from archive_unopened`);
    expect(left!.n).toBe(0);

    // Opened today in this file: five archives (the first, the classified, the PDF, the system's, this one); the first is complete.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const byDay = (await call(supervisor, 'GET', `/api/archive/stats?from=${today}&to=${today}&by=day`)).json();
    expect(byDay).toEqual([expect.objectContaining({ key: today, opened: 5, completeNow: 1, completenessRate: 20 })]);
    const byDepartment = (await call(supervisor, 'GET', `/api/archive/stats?from=${today}&to=${today}&by=department`)).json();
    expect(byDepartment).toEqual([expect.objectContaining({ key: String(departmentId), opened: 5, completeNow: 1, completenessRate: 20 })]);
    const byOfficer = (await call(supervisor, 'GET', `/api/archive/stats?from=${today}&to=${today}&by=officer`)).json();
    expect(byOfficer.every((r: { completenessRate: number | null }) => r.completenessRate === null)).toBe(true);

    // The Excel export carries the completeness per opening day and department on its second sheet.
    const exported = await call(supervisor, 'GET', `/api/archive/stats/export?from=${today}&to=${today}`);
    expect(exported.statusCode, exported.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('档案齐全率')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '打开日期', '受理部门', '打开档案数', '现已齐全', '齐全率（%）']);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).values).toEqual([undefined, today, expect.any(String), 5, 1, 20]);
  });

  it('reads the search for its export in keyset batches: every archive once, in the order of the list', async () => {
    const principal = (await rbacRepository.principal(ctx.platform.db, supervisor.id))!;
    const listed = await archiveRepository.search(ctx.platform.db, {}, principal, 1, 100);
    expect(listed.items.length).toBeGreaterThanOrEqual(5);
    const batched: number[] = [];
    for await (const a of archiveRepository.searchRows(ctx.platform.db, {}, principal, 2)) batched.push(a.id);
    expect(batched).toEqual(listed.items.map((a) => a.id));
  });
});

describe('disposal after the retention period (A5)', () => {
  it('is asked for with a reason and approved by a second person, never under a legal hold; the images then go', async () => {
    const [first, second] = [await loginFresh(ctx, 'supervisor01'), await loginFresh(ctx, 'supervisor01')];
    const due = async (u: TestUser) => (await call(u, 'GET', '/api/archive/disposals')).json().items as { id: number; steps: string[] }[];
    expect((await due(first)).map((a) => a.id)).not.toContain(archiveId);
    expect((await call(first, 'POST', `/api/archive/archives/${archiveId}/disposal`, { reason: '已过保存期限' })).json().code).toBe('ARCHIVE_DISPOSAL_REFUSED');
    await ctx.platform.db.execute(sql`update archives set accepted_at = now() - interval '31 years' where id = ${archiveId}`);
    expect((await due(first)).find((a) => a.id === archiveId)?.steps).toEqual(['request']);
    expect((await call(officer, 'GET', '/api/archive/disposals')).statusCode).toBe(403);

    const hold = (h: boolean) => call(supervisor, 'PUT', `/api/archive/archives/${archiveId}/hold`, { hold: h, reason: h ? '涉诉调取' : '诉讼终结' });
    await hold(true);
    expect((await due(first)).map((a) => a.id)).not.toContain(archiveId);
    expect((await call(first, 'POST', `/api/archive/archives/${archiveId}/disposal`, { reason: '已过保存期限' })).json().message).toContain('法律保全');
    await hold(false);

    expect((await call(first, 'POST', `/api/archive/archives/${archiveId}/disposal`, { reason: ' ' })).statusCode).toBe(400);
    const asked = await call(first, 'POST', `/api/archive/archives/${archiveId}/disposal`, { reason: '已过保存期限' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect((await due(first)).find((a) => a.id === archiveId)?.steps).toEqual([]);
    const self = await call(first, 'POST', `/api/archive/archives/${archiveId}/disposal/decision`, { approve: true, reason: '同意处置' });
    expect(self.json().message).toContain('另一人');
    expect((await due(second)).find((a) => a.id === archiveId)?.steps).toEqual(['approve', 'reject']);

    // A hold set while the request waits stops the approval.
    await hold(true);
    expect((await call(second, 'POST', `/api/archive/archives/${archiveId}/disposal/decision`, { approve: true, reason: '同意处置' })).statusCode).toBe(409);
    await hold(false);
    // One page's content is also filed in another archive: it must survive the disposal; the others are erased.
    type Content = { id: number; digest: string; thumb_digest: string | null };
    const content = await rows<Content>(sql`select id, digest, thumb_digest from archive_pages where archive_id = ${archiveId} order by id`);
    const [shared, unshared] = [content[0]!, content.at(-1)!];
    const [other] = await rows<{ id: number }>(sql`select id from archives where id <> ${archiveId} order by id limit 1`);
    const copy = await addPage(officer, other!.id, (await ctx.platform.blobs.get(shared.digest))!.data, { docType: 'application', reason: '补录申请表' });
    expect(copy.statusCode, copy.body).toBe(200);
    await ctx.platform.jobs.drain();

    const approved = await call(second, 'POST', `/api/archive/archives/${archiveId}/disposal/decision`, { approve: true, reason: '同意处置' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ disposedAt: expect.any(String), disposalReason: '已过保存期限' });
    expect(await ctx.platform.blobs.get(unshared.digest)).toBeNull(); // unreadable as the approval commits
    await ctx.platform.jobs.drain(); // the store's job deletes the objects
    const [erasure] = await rows<{ deleted: boolean; cause: string; version: number }>(
      sql`select e.object_deleted_at is not null as deleted, e.cause, b.key_version as version
            from blob_erasures e join blobs b using (digest) where digest = ${unshared.digest}`,
    );
    expect(erasure).toMatchObject({ deleted: true, cause: `archive.disposal:${lsh}` });
    expect(await ctx.platform.blobs.backend.exists(objectKey(unshared.digest, erasure!.version))).toBe(false);
    expect((await ctx.platform.blobs.get(shared.digest))?.data.length).toBeGreaterThan(0);
    const otherPage = await call(supervisor, 'GET', `/api/archive/pages/${copy.json().pageId}/image?size=thumb`);
    expect(otherPage.statusCode).toBe(200);
    const [{ n: erasedOfArchive }] = (await rows<{ n: number }>(
      sql`select count(*)::int as n from blob_erasures where cause = ${`archive.disposal:${lsh}`}`,
    )) as [{ n: number }];
    expect(erasedOfArchive).toBeGreaterThan(content.length); // pages and their renditions

    const detail = (await call(supervisor, 'GET', `/api/archive/archives/${archiveId}`)).json();
    expect(detail.disposedAt).toBeTruthy();
    const gone = await call(supervisor, 'GET', `/api/archive/pages/${unshared.id}/image?size=display`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('ARCHIVE_DISPOSED');
    expect((await due(second)).map((a) => a.id)).not.toContain(archiveId);
    const audits = await rows<{ action: string; username: string; reason: string }>(
      sql`select action, username, reason from audit_log where target_id = ${lsh} and action like 'archive.disposal.%' order by id`,
    );
    expect(audits).toEqual([
      { action: 'archive.disposal.request', username: first.username, reason: '已过保存期限' },
      { action: 'archive.disposal.approve', username: second.username, reason: '同意处置' },
    ]);
    const [approval] = await rows<{ details: { erasedImages: number; sharedImagesKept: number } }>(
      sql`select details from audit_log where target_id = ${lsh} and action = 'archive.disposal.approve'`,
    );
    expect(approval!.details).toMatchObject({ erasedImages: erasedOfArchive, sharedImagesKept: expect.any(Number) });
    expect(approval!.details.sharedImagesKept).toBeGreaterThanOrEqual(1);
  });
});
