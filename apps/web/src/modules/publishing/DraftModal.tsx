import { CONTENT_KINDS, type Content, type ContentDraft, type ContentKind } from '@shtp/core/publishing';
import { Form, Input, Select } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { FormModal } from '../../shared/FormModal';

/** 起草: a new item, or (from a listed version) the next version of its item, prefilled with that version. */
export function DraftModal({ base, onClose, onDone }: { base: Content | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<ContentDraft>();
  const save = useFormMutation(form, {
    mutationFn: (body: ContentDraft) => api.post<Content>('/api/publishing/contents', body),
    success: '已保存草稿，提交后由另一名人员审核',
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) save.mutate(base ? { ...values, itemKey: base.itemKey } : values);
  };
  return (
    <FormModal
      title={base ? `起草新版本（第 ${base.version + 1} 版起）` : '起草发布内容'}
      saving={save.isPending}
      onSave={submit}
      onCancel={onClose}
      saveTestId="content-save"
      saveText="保存草稿"
    >
      <Form form={form} layout="vertical" initialValues={base ? { kind: base.kind, title: base.title, body: base.body } : { kind: 'notice' }}>
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={(Object.keys(CONTENT_KINDS) as ContentKind[]).map((k) => ({ value: k, label: CONTENT_KINDS[k] }))} disabled={Boolean(base)} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
          <Input maxLength={100} data-testid="content-title" />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}>
          <Input.TextArea rows={8} maxLength={20_000} data-testid="content-body" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
