import { type DepartmentNode, type User, UserCreateBodySchema, UserUpdateBodySchema } from '@shtp/core/system';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { useFormMutation } from '../../forms/form-mutation';
import { useErrorReporter } from '../../forms/server-errors';
import { parseFormValues } from '../../forms/zod-form';
import { departmentOptions } from '../../shared/department-tree';
import { FormModal } from '../../shared/FormModal';
import { USER_STATUS_LABELS } from './user-status';

interface UserForm {
  username?: string;
  displayName?: string;
  policeNo?: string;
  departmentId?: number;
  expiresAt?: Dayjs | null;
  status?: User['status'];
}

interface UserFormModalProps {
  /** The user to edit; absent to create one. */
  user?: User;
  defaultDepartmentId?: number;
  /** Why the server would refuse to disable this account (三员分立: its last enabled administrator), if it would. */
  disableRefusal?: string;
  tree: DepartmentNode[];
  onClose: () => void;
  onCreated: (user: User, initialPassword: string) => void;
}

function initialValues(user: User | undefined, defaultDepartmentId: number | undefined): UserForm {
  if (!user) return { departmentId: defaultDepartmentId, expiresAt: null };
  return {
    displayName: user.displayName,
    policeNo: user.policeNo ?? '',
    departmentId: user.departmentId,
    expiresAt: user.expiresAt ? dayjs(user.expiresAt) : null,
    status: user.status,
  };
}

export function UserFormModal({ user, defaultDepartmentId, disableRefusal, tree, onClose, onCreated }: UserFormModalProps) {
  const [form] = Form.useForm<UserForm>();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();

  const done = () => {
    queryClient.invalidateQueries({ queryKey: queryKeys.users });
    onClose();
  };
  const create = useMutation({
    mutationFn: (body: unknown) => api.post<{ user: User; initialPassword: string }>('/api/system/users', body),
    onSuccess: ({ user: created, initialPassword }) => {
      done();
      onCreated(created, initialPassword);
    },
    onError: (error) => reportError(error, form),
  });
  const update = useFormMutation(form, {
    mutationFn: ({ id, body }: { id: number; body: unknown }) => api.put<User>(`/api/system/users/${id}`, body),
    success: '用户已保存',
    onSuccess: done,
  });

  const submit = (values: UserForm) => {
    const common = {
      displayName: values.displayName,
      policeNo: values.policeNo?.trim() ? values.policeNo : null,
      departmentId: values.departmentId,
      expiresAt: values.expiresAt ? values.expiresAt.format('YYYY-MM-DD') : null,
    };
    if (user) {
      const body = parseFormValues(form, UserUpdateBodySchema, { ...common, status: values.status, version: user.version });
      if (body) update.mutate({ id: user.id, body });
    } else {
      const body = parseFormValues(form, UserCreateBodySchema, { ...common, username: values.username });
      if (body) create.mutate(body);
    }
  };

  return (
    <FormModal
      title={user ? `编辑用户 ${user.username}` : '新增用户'}
      saving={create.isPending || update.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="user-save"
    >
      <Form form={form} layout="vertical" initialValues={initialValues(user, defaultDepartmentId)} onFinish={submit}>
        {!user && (
          <Form.Item name="username" label="用户名" required extra="以字母开头，3–32 位字母、数字、下划线或点">
            <Input maxLength={32} autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label="姓名" required>
          <Input maxLength={32} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="policeNo" label="警号" extra="6 位数字，可不填">
          <Input maxLength={6} data-testid="user-police-no" />
        </Form.Item>
        <Form.Item name="departmentId" label="所属部门" required>
          <TreeSelect
            treeData={departmentOptions(tree)}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            placeholder="请选择部门"
            data-testid="user-department"
          />
        </Form.Item>
        <Form.Item name="expiresAt" label="账号有效期至" extra="不填则长期有效">
          <DatePicker disabledDate={(date) => date.isBefore(dayjs(), 'day')} />
        </Form.Item>
        {user && (
          <Form.Item name="status" label="状态" required extra={disableRefusal}>
            <Select
              options={Object.entries(USER_STATUS_LABELS).map(([value, label]) => ({ value, label, disabled: value === 'disabled' && !!disableRefusal }))}
              data-testid="user-status"
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
