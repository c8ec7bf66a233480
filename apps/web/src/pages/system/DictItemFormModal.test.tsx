import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testMe } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { DictItemFormModal } from './DictItemFormModal';

const SLOW = { timeout: 15_000 };

describe('DictItemFormModal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('creates an item with the next order number (排序) and 启用 as switched', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': {
        status: 200,
        body: testMe({ username: 'admin', displayName: '系统管理员', roles: [{ code: 'admin', name: '系统管理员' }], permissions: [] }),
      },
      'POST /api/system/dict/types/plate_colour/items': {
        status: 201,
        body: { id: 9, typeCode: 'plate_colour', value: '5', label: '绿色', sort: 3, enabled: false },
      },
    });
    const onClose = vi.fn();
    renderWithProviders(<DictItemFormModal typeCode="plate_colour" nextSort={3} onClose={onClose} />);
    fireEvent.change(await screen.findByTestId('dict-item-value', {}, SLOW), { target: { value: '5' } });
    fireEvent.change(screen.getByTestId('dict-item-label'), { target: { value: '绿色' } });
    expect((screen.getByLabelText('排序') as HTMLInputElement).value).toBe('3');
    fireEvent.click(screen.getByRole('switch'));
    fireEvent.click(screen.getByTestId('dict-item-save'));
    await waitFor(() => expect(onClose).toHaveBeenCalled(), SLOW);
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(String(init?.body))).toEqual({ value: '5', label: '绿色', sort: 3, enabled: false });
  });
});
