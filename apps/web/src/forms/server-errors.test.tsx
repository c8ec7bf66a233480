import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client';
import { renderForm as renderTestForm } from '../test/render-form';
import { applyServerErrors } from './server-errors';

const renderForm = () =>
  renderTestForm([
    { name: 'username', label: '用户名' },
    { name: 'policeNo', label: '警号' },
  ]);

describe('applyServerErrors', () => {
  it('shows each detail under its field and leaves nothing for a toast', async () => {
    const form = renderForm();
    const error = new ApiRequestError(409, {
      code: 'VALIDATION',
      message: '数据校验失败',
      details: [
        { field: 'username', message: '用户名已存在' },
        { field: 'policeNo', message: '警号已被使用' },
      ],
    });
    let rest: string | null = '';
    act(() => {
      rest = applyServerErrors(form, error);
    });
    expect(rest).toBeNull();
    expect(await screen.findByText('用户名已存在')).toBeTruthy();
    expect(screen.getByText('警号已被使用')).toBeTruthy();
  });

  it('returns the message and the details that match no field', () => {
    const form = renderForm();
    const error = new ApiRequestError(409, {
      code: 'ADMIN_ROLE_CONFLICT',
      message: '三员角色不能授予同一用户',
      details: [{ field: 'roleIds', message: '已拥有安全管理员角色' }],
    });
    expect(applyServerErrors(form, error)).toBe('三员角色不能授予同一用户；已拥有安全管理员角色');
  });

  it('has a generic text for errors that did not come from the server', () => {
    expect(applyServerErrors(renderForm(), new TypeError('boom'))).toBe('操作失败，请稍后重试');
  });
});
