import {
  BloodSampleCorrectionSchema,
  BreathTestCorrectionSchema,
  STANDARD_UPLOAD_CORRECTABLE,
  type StandardUpload,
  type StandardUploadAttempt,
} from '@shtp/core/enforcement';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useErrorReporter } from '../../forms/server-errors';
import { parseFormValues } from '../../forms/zod-form';
import { formatDateTime } from '../../shared/format';
import { useSubmissionKey } from '../ebike/submission-key';

type Kind = keyof typeof STANDARD_UPLOAD_CORRECTABLE;
const PATHS = { breath: 'breath-tests', blood: 'blood-samples' } as const;
const SCHEMAS = { breath: BreathTestCorrectionSchema, blood: BloodSampleCorrectionSchema } as const;
const UPLOAD_COLOURS = { done: 'green', rejected: 'red', pending: 'orange' } as const;
const OUTCOME_COLOURS = { accepted: 'green', rejected: 'red', unavailable: 'orange' } as const;

/** Every attempt to send the record, with its receipt or the reason it was refused. */
function Attempts({ kind, id }: { kind: Kind; id: string }) {
  const attempts = useQuery({
    queryKey: ['enforcement', PATHS[kind], id, 'attempts'],
    queryFn: () => api.get<StandardUploadAttempt[]>(`/api/enforcement/${PATHS[kind]}/${id}/standard-upload/attempts`),
  });
  return (
    <Table<StandardUploadAttempt>
      size="small"
      rowKey="attemptNo"
      dataSource={attempts.data}
      loading={attempts.isPending}
      pagination={false}
      data-testid="upload-attempts"
      columns={[
        { title: '次序', dataIndex: 'attemptNo', width: 60 },
        { title: '时间', dataIndex: 'at', render: formatDateTime },
        { title: '结果', key: 'outcome', render: (_, a) => <Tag color={OUTCOME_COLOURS[a.outcome]}>{a.outcomeLabel}</Tag> },
        { title: '回执 / 原因', key: 'answer', render: (_, a) => a.receiptNo ?? a.error },
      ]}
    />
  );
}

/**
 * 更正并重新上传 of a record the drink-driving platform rejected: the reason, the history, the fields it may correct
 * (checked with the shared schema, then by the server against the upload format, errors under each field).
 */
function CorrectionModal({
  kind,
  id,
  upload,
  values,
  onClose,
}: {
  kind: Kind;
  id: string;
  upload: NonNullable<StandardUpload>;
  values: Record<string, unknown>;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const key = useSubmissionKey();
  const resend = useMutation({
    mutationFn: (body: unknown) =>
      api.post<StandardUpload>(`/api/enforcement/${PATHS[kind]}/${id}/standard-upload/resend`, body, { 'Idempotency-Key': key.current() }),
    onSuccess: () => {
      key.renew();
      message.success('已更正并重新上传，等待对方回执');
      queryClient.invalidateQueries({ queryKey: ['enforcement'] });
      onClose();
    },
    onError: (error) => reportError(error, form),
  });
  const submit = (v: Record<string, unknown>) => {
    const body = parseFormValues(form, SCHEMAS[kind], v);
    if (body) resend.mutate(body);
  };
  const labels = STANDARD_UPLOAD_CORRECTABLE[kind] as Record<string, string>;
  return (
    <Modal
      open
      width={720}
      title="更正并重新上传"
      okText="重新上传"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={resend.isPending}
      okButtonProps={{ 'data-testid': 'upload-resend' } as Record<string, string>}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="error" showIcon title="退回原因" description={upload.error} data-testid="upload-reject-reason" />
        <Attempts kind={kind} id={id} />
        <Form form={form} layout="vertical" initialValues={values} onFinish={submit} onValuesChange={() => key.renew()}>
          {Object.entries(labels).map(([name, label]) => (
            <Form.Item key={name} name={name} label={label} required={name !== 'plate'}>
              <Input data-testid={`correct-${name}`} />
            </Form.Item>
          ))}
        </Form>
      </Space>
    </Modal>
  );
}

/** P3/P6 按标准上传 of one record: its state (receipt, or the reason refused), and 更正 when the record allows it. */
export function StandardUploadCell({ kind, id, upload, values }: { kind: Kind; id: string; upload: StandardUpload; values: Record<string, unknown> }) {
  const [open, setOpen] = useState(false);
  if (!upload) return <Tag>未上传</Tag>;
  return (
    <Space orientation="vertical" size={2}>
      <Tag color={UPLOAD_COLOURS[upload.status]} title={upload.receiptNo ? `回执 ${upload.receiptNo}` : (upload.error ?? undefined)}>
        {upload.statusLabel}
      </Tag>
      {upload.status === 'rejected' && upload.error && (
        <Typography.Text type="danger" style={{ maxWidth: 260 }} ellipsis={{ tooltip: upload.error }}>
          {upload.error}
        </Typography.Text>
      )}
      {upload.actions.resend.allowed && (
        <Button size="small" onClick={() => setOpen(true)} data-testid={`upload-correct-${id}`}>
          更正
        </Button>
      )}
      {open && <CorrectionModal kind={kind} id={id} upload={upload} values={values} onClose={() => setOpen(false)} />}
    </Space>
  );
}
