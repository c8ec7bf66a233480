import { CONTENT_KINDS, type Content, type ContentDraft, type ContentKind } from '@shtp/core/publishing';
import { Form, Input, Select, Typography } from 'antd';
import { api } from '../../api/client';
import { useFormMutation } from '../../forms/form-mutation';
import { FormModal } from '../../shared/FormModal';
import { AttachmentsEditor } from './AttachmentsPanel';

/**
 * 起草: a new item, or (from a listed version, `mode` 'revise') the next version of its item, prefilled with that
 * version; or (`mode` 'edit') the author's draft changed in place before it is submitted.
 */
export function DraftModal({ base, mode, onClose, onDone }: { base: Content | null; mode: 'revise' | 'edit'; onClose: () => void; onDone: () => void }) {
  const editing = mode === 'edit' && base !== null;
  const [form] = Form.useForm<ContentDraft>();
  const save = useFormMutation(form, {
    mutationFn: (body: ContentDraft) =>
      editing
        ? api.put<Content>(`/api/publishing/contents/${base.id}`, { title: body.title, body: body.body })
        : api.post<Content>('/api/publishing/contents', body),
    success: editing ? '已修改草稿' : '已保存草稿，提交后由另一名人员审核',
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values) save.mutate(base && !editing ? { ...values, itemKey: base.itemKey } : values);
  };
  return (
    <FormModal
      title={editing ? `修改草稿（第 ${base.version} 版）` : base ? `起草新版本（第 ${base.version + 1} 版起）` : '起草发布内容'}
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
      {editing ? (
        <AttachmentsEditor contentId={base.id} />
      ) : (
        <Typography.Text type="secondary">
          {base ? '新版本沿用上一发布版本的附件；保存草稿后可在“修改”中增删附件。' : '保存草稿后可在“修改”中上传附件。'}
        </Typography.Text>
      )}
    </FormModal>
  );
}
