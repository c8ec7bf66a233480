import { type Content, PUBLISHING_P } from '@shtp/core/publishing';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '../../test/render';
import { officer } from '../ebike/ebike-test-data';
import ContentsPage from './ContentsPage';

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
    submit: state === 'draft' ? { allowed: true } : { allowed: false, reason: '只有草稿可以提交审核' },
    approve: approve ? { allowed: true } : refused,
    reject: approve ? { allowed: true } : refused,
    withdraw: { allowed: false, reason: '只有已发布的内容可以撤回' },
  },
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
    });
    renderWithProviders(<ContentsPage />);
    const submit = await screen.findByTestId('content-submit-1', {}, SLOW);
    expect((screen.getByTestId('content-approve-2') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(submit);
    await waitFor(() => expect(posts(fetchMock, '/api/publishing/contents/1/submit')).toHaveLength(1), SLOW);
  });
});
