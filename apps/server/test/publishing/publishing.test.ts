import { HUB_SERVICE_CATALOGUE, HUB_SERVICE_CODES, PUBLISHING_P } from '@shtp/core/publishing';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireApi } from '../../src/modules/app-module.ts';
import { HubSync } from '../../src/modules/publishing/hub/hub-sync.service.ts';
import type { CaseStatusUpdate } from '../../src/modules/publishing/publishing.api.ts';
import type { PublishingPorts } from '../../src/modules/publishing/publishing.module.ts';
import { systemActor } from '../../src/platform/audit/actor.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { multipartBody } from '../multipart-body.ts';
import { createTestApp, fieldsOf, loginFresh, portsOf, type Session, type TestContext } from '../test-app.ts';

/*
 * G8 in the internet zone: an editor drafts and submits, another person approves (now or at a set time) or rejects,
 * the public reads the newest published version with caching headers, and a withdrawal takes the item down.
 */
let ctx: TestContext;
let editor: Session;
let reviewer: Session;
let hubAdmin: Session;
const post = (s: Session, url: string, payload: object = {}) => ctx.app.inject({ method: 'POST', url, headers: s.headers, payload });
const get = (s: Session, url: string) => ctx.app.inject({ method: 'GET', url, headers: s.headers });
const hubOf = () => portsOf<PublishingPorts>(ctx, 'publishing').hub.simulator!;
const publishingApi = () => requireApi(ctx.modules.mounted.find((m) => m.definition.name === 'publishing')!.context.apis, 'publishing');
const caseStatus = (update: CaseStatusUpdate) => ctx.platform.db.transaction((tx) => publishingApi().caseStatus(tx, update));
const publicList = (headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url: '/api/public/contents', headers });

beforeAll(async () => {
  ctx = await createTestApp({ vars: { ZONE: 'internet' } });
  editor = await loginFresh(ctx, { permissions: [PUBLISHING_P.menu, PUBLISHING_P.edit, PUBLISHING_P.review] });
  reviewer = await loginFresh(ctx, { permissions: [PUBLISHING_P.menu, PUBLISHING_P.review] });
  hubAdmin = await loginFresh(ctx, { permissions: [PUBLISHING_P.menu, PUBLISHING_P.hub] });
});
afterAll(() => ctx?.close());

describe('G8 publishing', () => {
  it('publishes only after another person approved, serves the newest version with caching headers, and withdraws', async () => {
    const drafted = await post(editor, '/api/publishing/contents', {
      itemKey: 'winter-notice',
      kind: 'notice',
      title: '冬季道路交通安全提示',
      body: '雨雪天气请减速慢行，保持安全车距。',
    });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const v1 = drafted.json();
    expect(v1).toMatchObject({ version: 1, state: 'draft', actions: { submit: { allowed: true }, approve: { allowed: false } } });
    expect((await post(editor, `/api/publishing/contents/${v1.id}/submit`)).json().state).toBe('pending');
    // Not by its author (the policy, and a CHECK in the table), then by another; nothing public before.
    const own = await post(editor, `/api/publishing/contents/${v1.id}/review`, { decision: 'approved' });
    expect(own.statusCode).toBe(409);
    expect(own.json().message).toBe('发布内容须由起草人以外的人员审核，不能审核自己起草的内容');
    expect((await publicList()).json().items).toEqual([]);
    expect((await post(reviewer, `/api/publishing/contents/${v1.id}/review`, { decision: 'approved' })).json().state).toBe('published');

    const first = await publicList();
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.json().items).toEqual([
      {
        itemKey: 'winter-notice',
        version: 1,
        kind: 'notice',
        title: '冬季道路交通安全提示',
        body: '雨雪天气请减速慢行，保持安全车距。',
        publishedAt: expect.any(String),
        attachments: [],
      },
    ]);
    const etag = String(first.headers.etag);
    expect((await publicList({ 'if-none-match': etag })).statusCode).toBe(304);

    // Version 2, scheduled for tomorrow: version 1 stays shown until then; a second draft meanwhile is refused.
    const v2 = (
      await post(editor, '/api/publishing/contents', {
        itemKey: 'winter-notice',
        kind: 'notice',
        title: '冬季道路交通安全提示（修订）',
        body: '雨雪冰冻天气请减速慢行。',
      })
    ).json();
    expect(v2.version).toBe(2);
    expect(
      (await post(editor, '/api/publishing/contents', { itemKey: 'winter-notice', kind: 'notice', title: '再一版', body: '再一版的正文内容' })).statusCode,
    ).toBe(409);
    await post(editor, `/api/publishing/contents/${v2.id}/submit`);
    const past = await post(reviewer, `/api/publishing/contents/${v2.id}/review`, { decision: 'approved', publishAt: '2020-01-01T00:00:00+08:00' });
    expect(past.statusCode).toBe(400);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await post(reviewer, `/api/publishing/contents/${v2.id}/review`, { decision: 'approved', publishAt: tomorrow })).json()).toMatchObject({
      state: 'published',
      publishAt: tomorrow,
    });
    expect((await publicList({ 'if-none-match': etag })).statusCode).toBe(304);
    // Its time come (moved into the past here), the public sees version 2 and the ETag changes.
    await ctx.platform.db.execute(sql`update publish_contents set publish_at = now() - interval '1 minute' where id = ${v2.id}`);
    const second = await publicList({ 'if-none-match': etag });
    expect(second.statusCode).toBe(200);
    expect(second.json().items.map((c: { version: number }) => c.version)).toEqual([2]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/contents/winter-notice' })).json()).toMatchObject({
      version: 2,
      title: '冬季道路交通安全提示（修订）',
    });

    // Withdrawn: the whole item leaves the public view and gets no new version.
    expect((await post(reviewer, `/api/publishing/contents/${v1.id}/withdraw`)).json().state).toBe('withdrawn');
    expect((await publicList()).json().items).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/contents/winter-notice' })).statusCode).toBe(404);
    expect(
      (await post(editor, '/api/publishing/contents', { itemKey: 'winter-notice', kind: 'notice', title: '第三版', body: '第三版的正文内容' })).json().message,
    ).toBe('该内容已撤回，不能再发布新版本');
    // G4: each approval and the withdrawal reached the hub's area through the outbox, in order; the hub now holds the withdrawal.
    await ctx.platform.jobs.drain();
    expect(hubOf().accepted.filter((a) => a.startsWith('winter-notice'))).toEqual(['winter-notice@1', 'winter-notice@2', 'winter-notice@2']);
    expect(hubOf().contents.get('winter-notice')).toMatchObject({ version: 2, op: 'withdraw', title: '冬季道路交通安全提示（修订）' });
    const audits = await queryRows<{ action: string }>(
      ctx.platform.db,
      sql`select action from audit_log where action like 'publishing.%' and action not in ('publishing.hub-push', 'publishing.hub-catalogue') order by id`,
    );
    expect(audits.map((a) => a.action)).toEqual([
      'publishing.draft',
      'publishing.submit',
      'publishing.review',
      'publishing.draft',
      'publishing.submit',
      'publishing.review',
      'publishing.withdraw',
    ]);
  });

  it('edits a draft in place by its author only, rejects with a note, validates per field, and keeps the back office to its permissions', async () => {
    const d = (await post(editor, '/api/publishing/contents', { kind: 'consultation', title: '如何缴纳罚款', body: '可通过随申办缴纳。' })).json();
    expect(d.itemKey).toMatch(/^c-[0-9a-f]{12}$/);
    const put = (s: Session, payload: object) => ctx.app.inject({ method: 'PUT', url: `/api/publishing/contents/${d.id}`, headers: s.headers, payload });
    const edited = await put(editor, { title: '如何缴纳交通违法罚款', body: '可通过随申办数字人民币缴纳。' });
    expect(edited.json()).toMatchObject({ id: d.id, version: 1, state: 'draft', title: '如何缴纳交通违法罚款', body: '可通过随申办数字人民币缴纳。' });
    const otherEditor = await loginFresh(ctx, { permissions: [PUBLISHING_P.menu, PUBLISHING_P.edit] });
    const notAuthor = await put(otherEditor, { title: '别人的修改', body: '别人修改的正文内容' });
    expect([notAuthor.statusCode, notAuthor.json().message]).toEqual([409, '只有起草人可以修改草稿']);
    expect(fieldsOf((await put(editor, { title: '短', body: '' })).json())).toEqual(['body', 'title']);
    expect((await put(reviewer, { title: '无权修改', body: '无权修改的正文' })).statusCode).toBe(403);
    await post(editor, `/api/publishing/contents/${d.id}/submit`);
    expect((await put(editor, { title: '提交后修改', body: '提交后修改的正文' })).json().message).toBe('只有草稿可以修改，已提交的请起草新版本');
    expect((await post(reviewer, `/api/publishing/contents/${d.id}/review`, { decision: 'rejected', note: '请补充办理渠道' })).json()).toMatchObject({
      state: 'rejected',
      reviewNote: '请补充办理渠道',
    });
    const bad = await post(editor, '/api/publishing/contents', { kind: 'other', title: '短', body: '' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['body', 'kind', 'title']);
    expect((await post(reviewer, '/api/publishing/contents', { kind: 'notice', title: '无权起草', body: '无权起草的正文' })).statusCode).toBe(403);
    const list = await ctx.app.inject({ method: 'GET', url: '/api/publishing/contents?state=rejected', headers: reviewer.headers });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: d.id, state: 'rejected' }] });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/publishing/contents' })).statusCode).toBe(401);
  });
});

describe('G8 public paging and preview', () => {
  it('pages the public list with its own caching per page, and previews a draft to the back office only, uncached', async () => {
    for (const n of [1, 2, 3]) {
      const c = (
        await post(editor, '/api/publishing/contents', { itemKey: `page-${n}`, kind: 'notice', title: `分页公告${n}`, body: `分页公告${n}的正文` })
      ).json();
      await post(editor, `/api/publishing/contents/${c.id}/submit`);
      await post(reviewer, `/api/publishing/contents/${c.id}/review`, { decision: 'approved', publishAt: new Date(Date.now() + n * 1000).toISOString() });
    }
    await ctx.platform.db.execute(sql`update publish_contents set publish_at = publish_at - interval '1 hour' where item_key like 'page-%'`);
    const page = (q: string) => ctx.app.inject({ method: 'GET', url: `/api/public/contents?${q}` });
    const first = await page('pageSize=2');
    expect(first.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.json().items.map((c: { itemKey: string }) => c.itemKey)).toEqual(['page-3', 'page-2']);
    const second = await page('pageSize=2&page=2');
    expect(second.json().items.map((c: { itemKey: string }) => c.itemKey)).toEqual(['page-1']);
    expect(second.headers.etag).not.toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe('public, max-age=60');
    expect((await page('kind=consultation')).json()).toMatchObject({ total: 0, items: [] });
    const bad = await page('pageSize=51&page=0');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['querystring.page', 'querystring.pageSize']);

    const draft = (
      await post(editor, '/api/publishing/contents', { itemKey: 'preview-me', kind: 'consultation', title: '预览示例', body: '预览示例的正文' })
    ).json();
    const preview = await get(reviewer, `/api/publishing/contents/${draft.id}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(preview.json()).toMatchObject({ itemKey: 'preview-me', version: 1, title: '预览示例', state: 'draft', scheduled: false });
    expect((await ctx.app.inject({ method: 'GET', url: `/api/publishing/contents/${draft.id}/preview` })).statusCode).toBe(401);
    expect((await get(hubAdmin, `/api/publishing/contents/${draft.id}/preview`)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/contents/preview-me' })).statusCode).toBe(404);
    expect((await get(reviewer, '/api/publishing/contents/999999/preview')).statusCode).toBe(404);
  });
});

describe('G8 attachments', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const upload = (s: Session, id: number, files: { name: string; data: Buffer }[]) => {
    const { payload, contentType } = multipartBody('files', files);
    return ctx.app.inject({
      method: 'POST',
      url: `/api/publishing/contents/${id}/attachments`,
      headers: { ...s.headers, 'content-type': contentType },
      payload,
    });
  };
  const draftOf = async (payload: object) =>
    (await post(editor, '/api/publishing/contents', { kind: 'notice', ...payload })).json() as { id: number; itemKey: string };
  const publish = async (id: number) => {
    await post(editor, `/api/publishing/contents/${id}/submit`);
    expect((await post(reviewer, `/api/publishing/contents/${id}/review`, { decision: 'approved' })).json().state).toBe('published');
  };
  const publicFile = (url: string) => ctx.app.inject({ method: 'GET', url });

  it('takes PDF and images by content into a draft of its author only, serves the files of the published version for good, and carries them into the next version', async () => {
    const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#2255aa' } })
      .png()
      .toBuffer();
    const v1 = await draftOf({ itemKey: 'exam-forms', title: '驾驶人考试预约须知', body: '请携带身份证件按时到场。' });
    const added = await upload(editor, v1.id, [
      { name: '预约须知.pdf', data: pdf },
      { name: '考场示意图.png', data: png },
    ]);
    expect(added.statusCode, added.body).toBe(200);
    const files = added.json().items as { digest: string; filename: string; mime: string; size: number; url: string }[];
    expect(files.map((f) => [f.filename, f.mime, f.size])).toEqual([
      ['预约须知.pdf', 'application/pdf', pdf.length],
      ['考场示意图.png', 'image/png', png.length],
    ]);
    const [pdfFile, pngFile] = files;
    expect(pdfFile!.url).toBe(`/api/public/contents/exam-forms/attachments/${pdfFile!.digest}`);
    // The same file again adds nothing; a text file named .pdf is refused by its bytes, in Chinese, nothing stored.
    expect((await upload(editor, v1.id, [{ name: '预约须知.pdf', data: pdf }])).json().items).toHaveLength(2);
    const text = await upload(editor, v1.id, [{ name: '伪装.pdf', data: Buffer.from('just some plain text') }]);
    expect([text.statusCode, text.json().code, text.json().message]).toEqual([
      415,
      'FILE_TYPE_UNSUPPORTED',
      '不支持的附件类型：只接受 PDF、JPEG、PNG（按文件内容识别，不看扩展名）',
    ]);
    // Only its author, only while a draft; the reviewer lacks the permission.
    const otherEditor = await loginFresh(ctx, { permissions: [PUBLISHING_P.menu, PUBLISHING_P.edit] });
    const notAuthor = await upload(otherEditor, v1.id, [{ name: 'x.pdf', data: pdf }]);
    expect([notAuthor.statusCode, notAuthor.json().message]).toEqual([409, '只有起草人可以上传或删除草稿的附件']);
    expect((await upload(reviewer, v1.id, [{ name: 'x.pdf', data: pdf }])).statusCode).toBe(403);
    // The preview lists them, the back office reads them uncached; nothing is public before publication.
    expect((await get(reviewer, `/api/publishing/contents/${v1.id}/preview`)).json().attachments).toEqual(files);
    const inside = await get(reviewer, `/api/publishing/contents/${v1.id}/attachments/${pngFile!.digest}`);
    expect([inside.statusCode, inside.headers['cache-control'], inside.headers['content-type']]).toEqual([200, 'private, no-store', 'image/png']);
    expect((await publicFile(pdfFile!.url)).statusCode).toBe(404);

    // Removed from the draft by its author (audited), uploaded again, then published.
    const del = (s: Session, id: number, digest: string) =>
      ctx.app.inject({ method: 'DELETE', url: `/api/publishing/contents/${id}/attachments/${digest}`, headers: s.headers });
    expect((await del(otherEditor, v1.id, pngFile!.digest)).statusCode).toBe(409);
    expect((await del(editor, v1.id, pngFile!.digest)).json().items.map((f: { filename: string }) => f.filename)).toEqual(['预约须知.pdf']);
    expect((await upload(editor, v1.id, [{ name: '考场示意图.png', data: png }])).json().items).toHaveLength(2);
    await publish(v1.id);
    const late = await upload(editor, v1.id, [{ name: 'late.pdf', data: pdf }]);
    expect([late.statusCode, late.json().message]).toEqual([409, '只有草稿可以上传或删除附件，已提交的请起草新版本']);
    expect((await del(editor, v1.id, pdfFile!.digest)).statusCode).toBe(409);

    // Public: listed with the content, served with the type, name and caching of content-addressed files.
    const shown = (await publicFile('/api/public/contents/exam-forms')).json();
    expect(shown.attachments.map((f: { url: string }) => f.url)).toEqual([pdfFile!.url, pngFile!.url]);
    const served = await publicFile(pdfFile!.url);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(pdf)).toBe(true);
    expect(served.headers).toMatchObject({
      'content-type': 'application/pdf',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('预约须知.pdf')}`,
    });
    expect((await publicFile(`/api/public/contents/exam-forms/attachments/${'0'.repeat(64)}`)).statusCode).toBe(404);
    expect((await publicFile('/api/public/contents/exam-forms/attachments/not-a-digest')).statusCode).toBe(400);
    // G4: the hub's publication links the files at their public addresses.
    await ctx.platform.jobs.drain();
    expect(
      hubOf()
        .contents.get('exam-forms')
        ?.attachments?.map((f) => f.url),
    ).toEqual([pdfFile!.url, pngFile!.url]);

    // Version 2 starts with version 1's files (the same stored content); removing one there leaves version 1's.
    const v2 = await draftOf({ itemKey: 'exam-forms', title: '驾驶人考试预约须知（修订）', body: '请携带身份证件提前到场。' });
    expect((await get(editor, `/api/publishing/contents/${v2.id}/attachments`)).json().items.map((f: { digest: string }) => f.digest)).toEqual([
      pdfFile!.digest,
      pngFile!.digest,
    ]);
    await del(editor, v2.id, pngFile!.digest);
    expect((await publicFile(pngFile!.url)).statusCode).toBe(200);
    await publish(v2.id);
    // Version 2 is shown now: its files only; a withdrawal takes them all down.
    expect((await publicFile(pngFile!.url)).statusCode).toBe(404);
    expect((await publicFile(pdfFile!.url)).statusCode).toBe(200);
    await post(reviewer, `/api/publishing/contents/${v2.id}/withdraw`);
    expect((await publicFile(pdfFile!.url)).statusCode).toBe(404);
    const audits = await queryRows<{ action: string; n: number }>(
      ctx.platform.db,
      sql`select action, count(*)::int as n from audit_log where action like 'publishing.attachment-%' group by action order by action`,
    );
    expect(audits).toEqual([
      { action: 'publishing.attachment-add', n: 3 },
      { action: 'publishing.attachment-remove', n: 2 },
    ]);
  });
});

describe('G4 一网通办 hub', () => {
  const service = {
    serviceCode: 'SHJJ-WF-JK',
    name: '交通违法缴款',
    category: '违法处理',
    onlineUrl: 'https://jj.example.gov.cn/pay',
    status: 'online' as const,
  };
  const pushes = async (query = '') =>
    (await get(hubAdmin, `/api/publishing/hub-pushes?pageSize=50${query}`)).json().items as {
      id: number;
      businessKey: string;
      version: number;
      state: string;
      attempts: number;
      lastError: string | null;
      op: string;
      caseStatus: string | null;
      serviceCode: string | null;
      actions: { retry: { allowed: boolean; reason?: string } };
    }[];
  const pushOf = async (key: string, version: number) => (await pushes()).find((p) => p.businessKey === key && p.version === version)!;

  it('files the services of the zone as drafts at its first start, once, and sends none of them until a reviewer registers it', async () => {
    const listed = (await get(hubAdmin, '/api/publishing/hub-services')).json().items as { serviceCode: string; state: string; syncedVersion: number | null }[];
    for (const { serviceCode } of HUB_SERVICE_CATALOGUE) {
      expect(listed.find((s) => s.serviceCode === serviceCode)).toMatchObject({ state: 'draft', version: 1, syncedVersion: null, updatedBy: '系统预置' });
    }
    expect((await pushes()).filter((p) => p.op === 'register')).toEqual([]);
    // A second start files nothing (and audits nothing).
    expect(await new HubSync(ctx.platform, hubOf()).fileCatalogue(HUB_SERVICE_CATALOGUE, systemActor('test'))).toEqual([]);
    const filed = await queryRows<{ n: number }>(ctx.platform.db, sql`select count(*)::int as n from audit_log where action = 'publishing.hub-catalogue'`);
    expect(filed).toEqual([{ n: 1 }]);
    // The reviewer corrects the address and registers it: version 1 is pushed.
    const registered = await post(hubAdmin, '/api/publishing/hub-services', {
      ...HUB_SERVICE_CATALOGUE[0],
      onlineUrl: 'https://jj.sh.example.cn/ebike/preregistration',
    });
    expect(registered.json()).toMatchObject({ serviceCode: HUB_SERVICE_CODES.preregistration, state: 'registered', version: 1 });
    await ctx.platform.jobs.drain();
    expect(hubOf().services.get(HUB_SERVICE_CODES.preregistration)).toMatchObject({ version: 1, onlineUrl: 'https://jj.sh.example.cn/ebike/preregistration' });
  });

  it('pushes a 办件 status through the outbox: once per status, waiting for its service, refused for a bad transition, never backwards', async () => {
    const at = new Date('2026-12-03T08:00:00Z');
    const business = { serviceCode: HUB_SERVICE_CODES.preregistration, businessNo: 'YD20261203AB12CD34EF' };
    await caseStatus({ ...business, status: 'submitted', at, userId: 'ssb-openid-00000077', summary: '测试非机动车登记点' });
    await caseStatus({ ...business, status: 'submitted', at, userId: 'ssb-openid-00000077', summary: '测试非机动车登记点' });
    await caseStatus({ serviceCode: 'SHJJ-XX-WZ', businessNo: 'XX20261203000001', status: 'submitted', at });
    await ctx.platform.jobs.drain();
    const cases = (await pushes()).filter((p) => p.businessKey === business.businessNo);
    expect(cases).toMatchObject([{ version: 1, op: 'status', state: 'sent', caseStatus: 'submitted', serviceCode: HUB_SERVICE_CODES.preregistration }]);
    expect(hubOf().cases.get(business.businessNo)).toEqual({
      ...business,
      status: 'submitted',
      statusAt: at.toISOString(),
      version: 1,
      userId: 'ssb-openid-00000077',
      summary: '测试非机动车登记点',
    });
    // A service not registered yet: the case waits, not refused, and goes out once its registration reached the hub.
    expect(await pushOf('XX20261203000001', 1)).toMatchObject({
      state: 'pending',
      lastError: '事项编码 SHJJ-XX-WZ 尚未在一网通办登记，登记后自动推送',
      actions: { retry: { allowed: true } },
    });
    await post(hubAdmin, '/api/publishing/hub-services', { ...HUB_SERVICE_CATALOGUE[0], serviceCode: 'SHJJ-XX-WZ', name: '测试事项' });
    await ctx.platform.jobs.drain();
    expect(await pushOf('XX20261203000001', 1)).toMatchObject({ state: 'sent', lastError: null });

    // 已受理 fails once; 已退回 reaches the hub meanwhile: 已受理 is never sent after it; the user stays with the case.
    hubOf().failNext(1);
    await caseStatus({ ...business, status: 'accepted', at });
    await ctx.platform.jobs.drain();
    await caseStatus({ ...business, status: 'returned', at });
    await ctx.platform.jobs.drain();
    await post(hubAdmin, `/api/publishing/hub-pushes/${(await pushOf(business.businessNo, 2)).id}/retry`);
    await ctx.platform.jobs.drain();
    expect(await pushOf(business.businessNo, 2)).toMatchObject({ state: 'superseded' });
    expect(hubOf().cases.get(business.businessNo)).toMatchObject({ status: 'returned', version: 4, userId: 'ssb-openid-00000077' });
    // A returned case cannot be refunded: the hub refuses the transition, with its reason.
    await caseStatus({ ...business, status: 'refunded', at });
    await ctx.platform.jobs.drain();
    expect(await pushOf(business.businessNo, 5)).toMatchObject({ state: 'failed', lastError: '一网通办拒收办件状态：办件状态不能从“已退回”变为“已退款”' });
    expect(hubOf().cases.get(business.businessNo)?.status).toBe('returned');
  });

  it('registers a service once per change, retries after the hub failed, and shows a refusal with its reason', async () => {
    const saved = await post(hubAdmin, '/api/publishing/hub-services', service);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ serviceCode: 'SHJJ-WF-JK', version: 1, syncedVersion: null });
    expect((await post(hubAdmin, '/api/publishing/hub-services', service)).json().version).toBe(1); // unchanged: nothing new to push
    expect((await pushes()).filter((p) => p.businessKey === 'SHJJ-WF-JK')).toHaveLength(1);

    // The hub is down for the first attempt: the push waits with the reason (the queue retries it later); a person may retry now.
    hubOf().failNext(1);
    await ctx.platform.jobs.drain();
    const failing = await pushOf('SHJJ-WF-JK', 1);
    expect(failing).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: '一网通办服务中台模拟器：服务暂不可用（注入故障）',
      actions: { retry: { allowed: true } },
    });
    const retried = await post(hubAdmin, `/api/publishing/hub-pushes/${failing.id}/retry`);
    expect(retried.json()).toMatchObject({ state: 'pending', lastError: null, actions: { retry: { allowed: false, reason: '正在推送，请稍候' } } });
    await ctx.platform.jobs.drain();
    expect(await pushOf('SHJJ-WF-JK', 1)).toMatchObject({
      state: 'sent',
      attempts: 2,
      actions: { retry: { allowed: false, reason: '已推送至一网通办，无需重新推送' } },
    });
    expect(hubOf().services.get('SHJJ-WF-JK')).toEqual({ ...service, version: 1 });
    expect((await post(hubAdmin, `/api/publishing/hub-pushes/${failing.id}/retry`)).statusCode).toBe(409);

    // Taken offline: version 2 reaches the hub; the catalogue shows the version the hub accepted.
    expect((await post(hubAdmin, '/api/publishing/hub-services', { ...service, status: 'offline' })).json().version).toBe(2);
    await ctx.platform.jobs.drain();
    expect(hubOf().services.get('SHJJ-WF-JK')?.status).toBe('offline');
    expect((await get(hubAdmin, '/api/publishing/hub-services')).json().items).toContainEqual(
      expect.objectContaining({ serviceCode: 'SHJJ-WF-JK', status: 'offline', version: 2, syncedVersion: 2 }),
    );

    // Version 1 of another service fails, version 2 reaches the hub meanwhile: version 1 is never sent after it.
    const annual = { ...service, serviceCode: 'SHJJ-JDC-NJ', name: '机动车检验标志' };
    await post(hubAdmin, '/api/publishing/hub-services', annual);
    hubOf().failNext(1);
    await ctx.platform.jobs.drain();
    await post(hubAdmin, '/api/publishing/hub-services', { ...annual, name: '机动车检验标志核发' });
    await ctx.platform.jobs.drain();
    await post(hubAdmin, `/api/publishing/hub-pushes/${(await pushOf('SHJJ-JDC-NJ', 1)).id}/retry`);
    await ctx.platform.jobs.drain();
    expect(await pushOf('SHJJ-JDC-NJ', 1)).toMatchObject({ state: 'superseded', actions: { retry: { allowed: false } } });
    expect(hubOf().services.get('SHJJ-JDC-NJ')).toMatchObject({ version: 2, name: '机动车检验标志核发' });

    // The hub already holds a newer version of another service (registered there by hand): ours is refused, with the reason.
    await hubOf().registerService({ ...service, serviceCode: 'SHJJ-JSZ-HZ', name: '驾驶证换证', version: 3 });
    await post(hubAdmin, '/api/publishing/hub-services', { ...service, serviceCode: 'SHJJ-JSZ-HZ', name: '驾驶证期满换证' });
    await ctx.platform.jobs.drain();
    expect(await pushOf('SHJJ-JSZ-HZ', 1)).toMatchObject({
      state: 'failed',
      lastError: '一网通办拒收服务事项：SHJJ-JSZ-HZ 已有更新的版本 3',
      actions: { retry: { allowed: true } },
    });
    expect((await pushes('&state=failed')).filter((p) => p.op === 'register').map((p) => p.businessKey)).toEqual(['SHJJ-JSZ-HZ']);
    const audited = await queryRows<{ result: string; n: number }>(
      ctx.platform.db,
      sql`select result, count(*)::int as n from audit_log where action = 'publishing.hub-push' and details->>'key' in ('SHJJ-WF-JK', 'SHJJ-JDC-NJ', 'SHJJ-JSZ-HZ') group by result order by result`,
    );
    expect(audited).toEqual([
      { result: 'failure', n: 3 },
      { result: 'success', n: 3 },
    ]);
  });

  it('does not publish at the hub, after a failure, a version whose withdrawal reached it first', async () => {
    const c = (
      await post(editor, '/api/publishing/contents', { itemKey: 'fog-notice', kind: 'notice', title: '大雾天气提示', body: '大雾天气请开启雾灯。' })
    ).json();
    await post(editor, `/api/publishing/contents/${c.id}/submit`);
    hubOf().failNext(1);
    await post(reviewer, `/api/publishing/contents/${c.id}/review`, { decision: 'approved' });
    await ctx.platform.jobs.drain();
    expect(await pushOf('fog-notice', 1)).toMatchObject({ state: 'pending', attempts: 1 });
    await post(reviewer, `/api/publishing/contents/${c.id}/withdraw`);
    await ctx.platform.jobs.drain();
    const publication = (await pushes()).find((p) => p.businessKey === 'fog-notice' && p.state === 'pending')!;
    await post(hubAdmin, `/api/publishing/hub-pushes/${publication.id}/retry`);
    await ctx.platform.jobs.drain();
    expect((await pushes()).filter((p) => p.businessKey === 'fog-notice').map((p) => p.state)).toEqual(['sent', 'superseded']);
    expect(hubOf().contents.get('fog-notice')).toMatchObject({ version: 1, op: 'withdraw' });
  });

  it('validates per field and keeps the hub to its permission', async () => {
    const bad = await post(hubAdmin, '/api/publishing/hub-services', {
      serviceCode: 'x',
      name: '缴',
      category: '违法处理',
      onlineUrl: 'ftp://a',
      status: 'up',
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['name', 'onlineUrl', 'serviceCode', 'status']);
    expect((await post(editor, '/api/publishing/hub-services', service)).statusCode).toBe(403);
    expect((await get(reviewer, '/api/publishing/hub-pushes')).statusCode).toBe(403);
  });
});

describe('built-in roles of the internet zone', () => {
  it('separate the editor from the reviewer, and give the citizen accounts to a business role, never to an administrator', async () => {
    const grants = await queryRows<{ code: string; admin_kind: string | null; permissions: string[] }>(
      ctx.platform.db,
      sql`select r.code, r.admin_kind, array(select p.permission from role_permissions p where p.role_id = r.id
                 and (p.permission like 'publishing%' or p.permission = 'payments:citizen-accounts') order by p.permission) as permissions
            from roles r where r.built_in order by r.code`,
    );
    const of = (code: string) => grants.find((g) => g.code === code)?.permissions;
    expect(of('web_editor')).toEqual(['publishing', 'publishing:edit']);
    expect(of('web_reviewer')).toEqual(['publishing', 'publishing:hub', 'publishing:review']);
    expect(of('citizen_service')).toEqual(['payments:citizen-accounts']);
    expect(grants.filter((g) => g.admin_kind !== null).flatMap((g) => g.permissions)).toEqual([]);
    expect(grants.filter((g) => g.permissions.includes('publishing:edit') && g.permissions.includes('publishing:review'))).toEqual([]);
  });
});
