import { HUB_SERVICE_STATUSES, type HubService, type HubServiceInput } from '@shtp/core/publishing';
import { Form, Input, Select } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { FormModal } from '../../shared/FormModal';

/** 登记 / 修改 a service of the area: a change becomes a new version pushed to the 一网通办 hub. */
export function HubServiceModal({ base, onClose, onDone }: { base: HubService | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<HubServiceInput>();
  const save = useFormMutation(form, {
    mutationFn: (body: HubServiceInput) => api.post<HubService>('/api/publishing/hub-services', body),
    success: (s) => (base && base.state === 'registered' && s.version === base.version ? '内容未变化，无需推送' : `已保存第 ${s.version} 版，正在推送一网通办`),
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) save.mutate(values);
  };
  return (
    <FormModal
      title={base ? `${base.state === 'draft' ? '审核登记' : '修改'}服务事项 ${base.serviceCode}` : '登记服务事项'}
      saving={save.isPending}
      onSave={submit}
      onCancel={onClose}
      saveTestId="hub-service-save"
    >
      <Form form={form} layout="vertical" initialValues={base ?? { status: 'online' }}>
        <Form.Item name="serviceCode" label="事项编码" rules={[{ required: true, message: '请填写事项编码' }]}>
          <Input maxLength={40} disabled={Boolean(base)} placeholder="如 SHJJ-WF-JK" data-testid="hub-service-code" />
        </Form.Item>
        <Form.Item name="name" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}>
          <Input maxLength={60} data-testid="hub-service-name" />
        </Form.Item>
        <Form.Item name="category" label="事项分类" rules={[{ required: true, message: '请填写事项分类' }]}>
          <Input maxLength={30} placeholder="如 违法处理" data-testid="hub-service-category" />
        </Form.Item>
        <Form.Item name="onlineUrl" label="办理地址" rules={[{ required: true, message: '请填写办理地址' }]}>
          <Input maxLength={500} placeholder="https://" data-testid="hub-service-url" />
        </Form.Item>
        <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择上线或下线' }]}>
          <Select options={Object.entries(HUB_SERVICE_STATUSES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
