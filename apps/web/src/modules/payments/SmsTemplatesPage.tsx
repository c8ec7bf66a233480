import { SMS_TEMPLATE_STATES, type SmsTemplate, type SmsTemplateState } from '@shtp/core/payments';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Switch, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { useErrorReporter } from '../../forms/server-errors';
import { FormModal } from '../../shared/FormModal';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';

const STATE_COLOURS: Record<SmsTemplateState, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

interface NewTemplate {
  code: string;
  name: string;
  text: string;
  urgent: boolean;
}

/** 登记模板: a new template, pending until another administrator approves it. */
function CreateModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<NewTemplate>();
  const create = useFormMutation(form, {
    mutationFn: (body: NewTemplate) => api.post<SmsTemplate>('/api/payments/sms-templates', body),
    success: '已登记，待另一名管理员审核',
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) create.mutate({ ...values, code: values.code.trim(), urgent: Boolean(values.urgent) });
  };
  return (
    <FormModal title="登记短信模板" saving={create.isPending} onSave={submit} onCancel={onClose} saveTestId="sms-template-save" saveText="登记">
      <Form form={form} layout="vertical" initialValues={{ urgent: false }}>
        <Form.Item name="code" label="模板编号（与短信平台一致）" rules={[{ required: true, message: '请填写模板编号' }]}>
          <Input maxLength={40} placeholder="如 SHJJ_DUE_SOON" />
        </Form.Item>
        <Form.Item name="name" label="模板名称" rules={[{ required: true, message: '请填写模板名称' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="text" label="模板内容（变量写成 {变量名}）" rules={[{ required: true, message: '请填写模板内容' }]}>
          <Input.TextArea rows={3} maxLength={300} />
        </Form.Item>
        <Form.Item name="urgent" label="紧急（免扰时段也发送）" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** 短信模板: registered by one administrator, approved or rejected by another (maker/checker); only approved ones are used. */
export default function SmsTemplatesPage() {
  const { page, pageSize, tablePagination } = usePagination();
  const [creating, setCreating] = useState(false);
  const { message, modal } = App.useApp();
  const reportError = useErrorReporter();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['payments', 'sms-templates'] });
  const list = useQuery({
    queryKey: ['payments', 'sms-templates', { page, pageSize }],
    queryFn: () => api.get<Page<SmsTemplate>>('/api/payments/sms-templates', { page, pageSize }),
  });
  const review = useMutation({
    mutationFn: ({ id, decision, note }: { id: number; decision: 'approved' | 'rejected'; note?: string }) =>
      api.post<SmsTemplate>(`/api/payments/sms-templates/${id}/review`, { decision, note }),
    onSuccess: (t) => {
      message.success(t.state === 'approved' ? '已审核通过' : '已驳回');
      refresh();
    },
    onError: (e) => reportError(e),
  });
  const reject = (t: SmsTemplate) => {
    let note = '';
    modal.confirm({
      title: `驳回模板「${t.name}」`,
      content: <Input.TextArea rows={2} maxLength={200} placeholder="审核意见" onChange={(e) => (note = e.target.value)} data-testid="sms-reject-note" />,
      okText: '驳回',
      onOk: () => review.mutateAsync({ id: t.id, decision: 'rejected', note: note.trim() || undefined }),
    });
  };
  const action = (t: SmsTemplate, key: 'approve' | 'reject', label: string, onClick: () => void) => (
    <Tooltip title={t.actions[key].allowed ? undefined : t.actions[key].reason}>
      <Button size="small" disabled={!t.actions[key].allowed} onClick={onClick} data-testid={`sms-${key}-${t.code}`}>
        {label}
      </Button>
    </Tooltip>
  );
  const columns: TableColumnsType<SmsTemplate> = [
    { title: '模板编号', dataIndex: 'code' },
    { title: '名称', dataIndex: 'name' },
    { title: '内容', dataIndex: 'text' },
    { title: '紧急', dataIndex: 'urgent', render: (u: boolean) => (u ? '是' : '否') },
    { title: '状态', dataIndex: 'state', render: (s: SmsTemplateState) => <Tag color={STATE_COLOURS[s]}>{SMS_TEMPLATE_STATES[s]}</Tag> },
    { title: '登记', key: 'created', render: (_, t) => `${t.createdBy} ${formatDateTime(t.createdAt)}` },
    {
      title: '审核',
      key: 'reviewed',
      render: (_, t) => (t.reviewedAt ? `${t.reviewedBy} ${formatDateTime(t.reviewedAt)}${t.reviewNote ? `（${t.reviewNote}）` : ''}` : ''),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, t) =>
        t.state === 'pending' && (
          <Space>
            {action(t, 'approve', '通过', () => review.mutate({ id: t.id, decision: 'approved' }))}
            {action(t, 'reject', '驳回', () => reject(t))}
          </Space>
        ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="sms-template-create">
          登记模板
        </Button>
        <span>模板须由登记人以外的管理员审核通过后才能使用；系统内置的模板文本随软件版本评审，启动时由系统登记为审核通过。</span>
      </Space>
      <PagedTable rowKey="id" size="small" columns={columns} result={list} pagination={tablePagination} data-testid="sms-templates" />
      {creating && <CreateModal onClose={() => setCreating(false)} onDone={refresh} />}
    </Space>
  );
}
