/* The 信息发布 console pages (G8 contents, G4 一网通办对接) in one file: one jsdom start for both. */
import { type Content, type HubPush, PUBLISHING_P } from '@shtp/core/publishing';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import ContentsPage from './ContentsPage';
import HubPage from './HubPage';

const SLOW = { timeout: 15_000 };
const refused = { allowed: false as const, reason: '发布内容须由起草人以外的人员审核，不能审核自己起草的内容' };
const content = (id: number, state: Content['state'], approve: boolean): Content => ({
  id,
  itemKey: `item-${id}`,
  version: 1,
  kind: 'notice',
  title: `通知${id}`,
  body: '雨雪天气请减速慢行。',
  state,
  createdBy: 'editor',
  createdAt: '2026-12-03T01:00:00.000Z',
  reviewedBy: null,
  reviewNote: null,
  publishAt: null,
  withdrawnAt: null,
  actions: {
    edit: state === 'draft' ? { allowed: true } : { allowed: false, reason: '只有草稿可以修改，已提交的请起草新版本' },
    submit: state === 'draft' ? { allowed: true } : { allowed: false, reason: '只有草稿可以提交审核' },
    approve: approve ? { allowed: true } : refused,
    reject: approve ? { allowed: true } : refused,
    withdraw: { allowed: false, reason: '只有已发布的内容可以撤回' },
  },
});
const attachment = (n: number, filename: string, mime: string) => ({
  digest: String(n).repeat(64),
  filename,
  mime,
  size: 2048,
  url: `/api/public/contents/item-1/attachments/${String(n).repeat(64)}`,
});
const posts = (fetchMock: ReturnType<typeof mockFetch>, path: string) =>
  fetchMock.mock.calls.filter(([url, init]) => String(url).split('?')[0] === path && init?.method === 'POST');

describe('ContentsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('submits a draft and keeps the review of an own version disabled, as the server says', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PUBLISHING_P.menu, PUBLISHING_P.edit, PUBLISHING_P.review]) },
      'GET /api/publishing/contents': {
        status: 200,
        body: { items: [content(1, 'draft', false), content(2, 'pending', false)], total: 2, page: 1, pageSize: 20 },
      },
      'POST /api/publishing/contents/1/submit': { status: 200, body: content(1, 'pending', false) },
      'PUT /api/publishing/contents/1': { status: 200, body: { ...content(1, 'draft', false), title: '通知1（修改）' } },
      'GET /api/publishing/contents/2/preview': {
        status: 200,
        body: {
          itemKey: 'item-2',
          version: 1,
          kind: 'notice',
          title: '通知2',
          body: '雨雪天气请减速慢行。',
          publishedAt: '2026-12-03T01:00:00.000Z',
          state: 'pending',
          scheduled: false,
          attachments: [attachment(2, '考场示意图.png', 'image/png')],
        },
      },
      'GET /api/publishing/contents/1/attachments': { status: 200, body: { items: [attachment(1, '预约须知.pdf', 'application/pdf')] } },
      'POST /api/publishing/contents/1/attachments': { status: 200, body: { items: [] } },
      [`DELETE /api/publishing/contents/1/attachments/${'1'.repeat(64)}`]: { status: 200, body: { items: [] } },
    });
    renderWithProviders(<ContentsPage />);
    const submit = await screen.findByTestId('content-submit-1', {}, SLOW);
    expect((screen.getByTestId('content-approve-2') as HTMLButtonElement).disabled).toBe(true);
    // The reviewer's preview: as the public will see it, marked as not yet public.
    fireEvent.click(screen.getByTestId('content-preview-2'));
    expect(await screen.findByText('当前为“待审核”，尚未公开', {}, SLOW)).toBeTruthy();
    expect(screen.getByTestId('content-preview').textContent).toContain('通知2');
    // Its files, read-only, each opened through the back office (the public address serves only what is published).
    const previewed = screen.getByTestId('content-attachments');
    expect(previewed.querySelector('a')?.getAttribute('href')).toBe(`/api/publishing/contents/2/attachments/${'2'.repeat(64)}`);
    expect(previewed.textContent).toContain('考场示意图.png');
    expect(previewed.querySelector('button')).toBeNull();
    fireEvent.click(submit);
    await waitFor(() => expect(posts(fetchMock, '/api/publishing/contents/1/submit')).toHaveLength(1), SLOW);
    // The draft is changed in place: the same record, by PUT, prefilled with its text.
    fireEvent.click(screen.getByTestId('content-edit-1'));
    const title = (await screen.findByTestId('content-title', {}, SLOW)) as HTMLInputElement;
    expect(title.value).toBe('通知1');
    // The author's draft: its files listed with 删除, and 上传附件 sends the file as multipart.
    const editor = await screen.findByTestId('content-attachments-editor', {}, SLOW);
    expect(await screen.findByText('预约须知.pdf', {}, SLOW)).toBeTruthy();
    const input = editor.querySelector('input[type=file]');
    if (!input) throw new Error('no file input');
    const scan = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], '附表.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [scan] } });
    await waitFor(() => {
      const sent = posts(fetchMock, '/api/publishing/contents/1/attachments')[0]?.[1]?.body as FormData | undefined;
      expect((sent?.get('files') as File | undefined)?.name).toBe('附表.pdf');
    }, SLOW);
    fireEvent.click(screen.getByText('删除').closest('button')!);
    await waitFor(
      () => expect(fetchMock.mock.calls.some(([url, init]) => String(url).includes('/attachments/1111') && init?.method === 'DELETE')).toBe(true),
      SLOW,
    );
    fireEvent.change(title, { target: { value: '通知1（修改）' } });
    fireEvent.click(screen.getByTestId('content-save'));
    await waitFor(() => {
      const put = fetchMock.mock.calls.find(([url, init]) => String(url).endsWith('/api/publishing/contents/1') && init?.method === 'PUT');
      expect(JSON.parse(String(put?.[1]?.body))).toEqual({ title: '通知1（修改）', body: '雨雪天气请减速慢行。' });
    }, SLOW);
  });
});

const push = (id: number, state: HubPush['state'], retry: HubPush['actions']['retry']): HubPush => ({
  id,
  kind: 'service',
  businessKey: 'SHJJ-WF-JK',
  version: id,
  op: 'register',
  state,
  attempts: 1,
  lastError: state === 'failed' ? '一网通办拒收服务事项：SHJJ-WF-JK 已有更新的版本 3' : null,
  createdAt: '2026-12-03T01:00:00.000Z',
  sentAt: null,
  caseStatus: null,
  serviceCode: null,
  actions: { retry },
});

describe('HubPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the services with the accepted version and retries a refused push, as its actions allow', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: officer([PUBLISHING_P.menu, PUBLISHING_P.hub]) },
      'GET /api/publishing/hub-services': {
        status: 200,
        body: {
          items: [
            {
              id: 1,
              serviceCode: 'SHJJ-WF-JK',
              name: '交通违法缴款',
              category: '违法处理',
              onlineUrl: 'https://jj.example.gov.cn/pay',
              status: 'online',
              state: 'registered',
              version: 2,
              syncedVersion: 1,
              updatedBy: 'hubadmin',
              updatedAt: '2026-12-03T01:00:00.000Z',
            },
            {
              id: 2,
              serviceCode: 'SHJJ-FJDC-YDJ',
              name: '电动自行车网上预登记',
              category: '非机动车登记',
              onlineUrl: 'https://jj.example.gov.cn/ebike/preregistration',
              status: 'online',
              state: 'draft',
              version: 1,
              syncedVersion: null,
              updatedBy: '系统预置',
              updatedAt: '2026-12-03T01:00:00.000Z',
            },
          ],
        },
      },
      'GET /api/publishing/hub-pushes': {
        status: 200,
        body: {
          items: [
            {
              ...push(3, 'sent', { allowed: false, reason: '已推送至一网通办，无需重新推送' }),
              kind: 'case',
              op: 'status',
              businessKey: 'YD20261203AB12CD34EF',
              caseStatus: 'returned',
              serviceCode: 'SHJJ-FJDC-YDJ',
            },
            push(2, 'failed', { allowed: true }),
            push(1, 'sent', { allowed: false, reason: '已推送至一网通办，无需重新推送' }),
          ],
          total: 3,
          page: 1,
          pageSize: 20,
        },
      },
      'POST /api/publishing/hub-pushes/2/retry': { status: 200, body: push(2, 'pending', { allowed: false, reason: '正在推送，请稍候' }) },
    });
    renderWithProviders(<HubPage />);
    expect(await screen.findByText('第 2 版（已接受：第 1 版）', {}, SLOW)).toBeTruthy();
    // A seeded draft: not registered, offered for review instead of change.
    expect(screen.getByText('草稿（待审核登记）')).toBeTruthy();
    expect(screen.getByTestId('hub-service-edit-SHJJ-FJDC-YDJ').textContent).toBe('审核登记');
    expect(screen.getByText('已退回（SHJJ-FJDC-YDJ）')).toBeTruthy();
    expect(screen.getByText('一网通办拒收服务事项：SHJJ-WF-JK 已有更新的版本 3')).toBeTruthy();
    expect((screen.getByTestId('hub-push-retry-1') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('hub-push-retry-2'));
    await waitFor(
      () => expect(fetchMock.mock.calls.filter(([url, init]) => String(url).endsWith('/hub-pushes/2/retry') && init?.method === 'POST')).toHaveLength(1),
      SLOW,
    );
  });
});
