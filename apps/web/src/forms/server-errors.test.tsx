import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp, Button, Form, Input } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api/client';
import { renderForm as renderTestForm } from '../test/render-form';
import { useFormMutation } from './form-mutation';
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

const SLOW = { timeout: 15_000 };

function CodeForm({
  mutationFn,
  onSuccess,
  toast = true,
}: {
  mutationFn: () => Promise<{ id: number }>;
  onSuccess: (data: { id: number }) => void;
  toast?: boolean;
}) {
  const [form] = Form.useForm<{ code: string }>();
  const save = useFormMutation(form, { mutationFn, ...(toast ? { success: (d: { id: number }) => `已登记（${d.id}）` } : {}), onSuccess });
  return (
    <Form form={form} initialValues={{ code: 'A1' }}>
      <Form.Item name="code" label="编号">
        <Input />
      </Form.Item>
      <Button data-testid="save" onClick={() => save.mutate()}>
        保存
      </Button>
    </Form>
  );
}

const renderCodeForm = (mutationFn: () => Promise<{ id: number }>, onSuccess = vi.fn(), toast = true) => {
  render(
    <AntApp>
      <QueryClientProvider client={new QueryClient()}>
        <CodeForm mutationFn={mutationFn} onSuccess={onSuccess} toast={toast} />
      </QueryClientProvider>
    </AntApp>,
  );
  fireEvent.click(screen.getByTestId('save'));
  return onSuccess;
};

describe('useFormMutation', () => {
  it('puts a field message under its field and the rest in a toast', async () => {
    const refusal = new ApiRequestError(400, {
      code: 'VALIDATION_FAILED',
      message: '数据校验失败',
      details: [
        { field: 'code', message: '编号已存在' },
        { field: 'version', message: '已被他人修改，请刷新' },
      ],
    });
    const onSuccess = renderCodeForm(() => Promise.reject(refusal));
    expect(await screen.findByText('编号已存在', {}, SLOW)).toBeTruthy();
    expect(await screen.findByText('数据校验失败；已被他人修改，请刷新', {}, SLOW)).toBeTruthy();
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('says what the answer tells on success and then hands it on', async () => {
    const onSuccess = renderCodeForm(() => Promise.resolve({ id: 7 }));
    expect(await screen.findByText('已登记（7）', {}, SLOW)).toBeTruthy();
    expect(onSuccess).toHaveBeenCalledWith({ id: 7 });
  });

  it('says nothing on success when the caller shows the answer itself (a secret shown once)', async () => {
    const onSuccess = renderCodeForm(() => Promise.resolve({ id: 8 }), vi.fn(), false);
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith({ id: 8 }), SLOW);
    expect(document.querySelector('.ant-message-notice')).toBeNull();
  });
});
