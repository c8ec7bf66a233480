import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../test/render';
import { ApiRequestError, api, setCsrfToken, setSessionErrorHandler, toQueryString } from './client';

describe('api client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('sends the CSRF token on changes only, with the session cookie', async () => {
    const fetchMock = mockFetch({ 'GET /api/x': { status: 200, body: [] }, 'POST /api/x': { status: 204 } });
    setCsrfToken('t-1');
    await api.get('/api/x');
    await api.post('/api/x', { a: 1 });
    const getInit = fetchMock.mock.calls[0]?.[1];
    const postInit = fetchMock.mock.calls[1]?.[1];
    expect(getInit?.credentials).toBe('same-origin');
    expect(getInit?.headers).not.toHaveProperty('X-CSRF-Token');
    expect(postInit?.headers).toMatchObject({ 'X-CSRF-Token': 't-1', 'Content-Type': 'application/json' });
  });

  it('turns the ApiError body into an ApiRequestError', async () => {
    mockFetch({
      'PUT /api/x': { status: 409, body: { code: 'VERSION_CONFLICT', message: '数据已被他人修改', details: [{ field: 'version', message: '请刷新' }] } },
    });
    const error = await api.put('/api/x', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', message: '数据已被他人修改', details: [{ field: 'version', message: '请刷新' }] });
  });

  it('reports a lost session to the session handler', async () => {
    const handler = vi.fn();
    setSessionErrorHandler(handler);
    mockFetch({ 'GET /api/x': { status: 401, body: { code: 'UNAUTHENTICATED', message: '请先登录', details: [] } } });
    await expect(api.get('/api/x')).rejects.toThrow('请先登录');
    expect(handler).toHaveBeenCalledWith('UNAUTHENTICATED');
  });

  it('leaves empty filters out of the query string', () => {
    expect(toQueryString({ page: 1, keyword: '', status: undefined, departmentId: null, result: 'failure' })).toBe('?page=1&result=failure');
  });
});
