import { PREREGISTRATION_STATUS_LABELS, type PreregistrationItem, type PreregistrationStatus } from '@shtp/core/ebike';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Segmented, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { decidePreregistration, ebikeKeys, usePreregistrations, viewPreregistrationPii } from '../../api/ebike-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { FormModal } from '../../shared/FormModal';
import { formatDateTime } from '../../shared/format';
import { EP } from './ebike-permissions';
import { PiiViewModal } from './PiiViewModal';
import { PreregistrationPhotos } from './PreregistrationPhotos';

type Filter = PreregistrationStatus | 'all';
const FILTERS: { value: Filter; label: string }[] = [
  ...Object.entries(PREREGISTRATION_STATUS_LABELS).map(([value, label]) => ({ value: value as Filter, label })),
  { value: 'all', label: '全部' },
];
const COLORS: Record<PreregistrationStatus, string> = { submitted: 'processing', accepted: 'cyan', returned: 'warning', registered: 'success' };
const registerPath = (preregNo: string) => `/ebike/register?prereg=${preregNo}`;

/** 退回: the reason the citizen reads with the pre-registration. */
function ReturnModal({ item, onClose }: { item: PreregistrationItem; onClose: () => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const decide = useDecide(onClose, form);
  return (
    <FormModal
      title={`退回网上预登记 ${item.preregNo}`}
      saving={decide.isPending}
      onSave={() => form.submit()}
      onCancel={onClose}
      saveTestId="prereg-return-save"
      saveText="退回"
    >
      <Form form={form} layout="vertical" onFinish={(v) => decide.mutate({ preregNo: item.preregNo, reason: v.reason ?? '' })}>
        <Form.Item name="reason" label="退回原因（市民可见）" required>
          <Input.TextArea maxLength={200} rows={3} placeholder="如：发票号码与发票不符，请核对后重新提交" data-testid="prereg-return-reason" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** 受理 or 退回; an accepted one is offered straight to 注册登记 (prefilled from it). */
function useDecide(done: () => void, form?: Parameters<ReturnType<typeof useErrorReporter>>[1]) {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const reportError = useErrorReporter();
  return useMutation({
    mutationFn: ({ preregNo, reason }: { preregNo: string; reason?: string }) =>
      decidePreregistration(preregNo, reason === undefined ? { decision: 'accept' } : { decision: 'return', reason }),
    onSuccess: (r) => {
      message.success(`网上预登记 ${r.preregNo} ${PREREGISTRATION_STATUS_LABELS[r.status]}`);
      queryClient.invalidateQueries({ queryKey: [...ebikeKeys.all, 'preregistrations'] });
      done();
      if (r.actions.register.allowed)
        modal.confirm({
          title: `已受理网上预登记 ${r.preregNo}`,
          content: '车辆与证件核验后，可按该预登记预填办理注册登记；也可稍后在“已受理”中办理。',
          okText: '办理注册登记',
          cancelText: '稍后办理',
          okButtonProps: { 'data-testid': 'prereg-register-now' },
          onOk: () => navigate(registerPath(r.preregNo)),
        });
    },
    onError: (error) => reportError(error, form),
  });
}

/** 网上预登记 (police zone): e-bike registrations citizens filled in online, for this department's window; 受理 or 退回. */
export default function PreregistrationsPage() {
  const [filter, setFilter] = useState<Filter>('submitted');
  const { data, isLoading, error } = usePreregistrations(filter === 'all' ? undefined : filter);
  const can = usePermission();
  const [clear, setClear] = useState<Record<string, PreregistrationItem>>({});
  const [dialog, setDialog] = useState<{ kind: 'pii' | 'return'; item: PreregistrationItem } | null>(null);
  const accept = useDecide(() => {});
  const navigate = useNavigate();
  const shown = (i: PreregistrationItem) => clear[i.preregNo] ?? i;

  const columns: TableColumnsType<PreregistrationItem> = [
    { title: '预登记编号', dataIndex: 'preregNo', width: 200 },
    { title: '姓名', key: 'name', render: (_, i) => shown(i).name },
    { title: '身份证号', key: 'idNumber', render: (_, i) => shown(i).idNumber },
    { title: '手机号码', key: 'phone', render: (_, i) => shown(i).phone },
    { title: '整车编码', dataIndex: 'zcbm' },
    { title: '品牌型号', key: 'brand', render: (_, i) => `${i.brand} ${i.model}` },
    { title: '选择号牌', dataIndex: 'plateWanted', render: (v: string | null) => v ?? '系统分配' },
    { title: '购车发票号码', key: 'invoiceNo', render: (_, i) => shown(i).invoiceNo },
    { title: '照片', key: 'photos', render: (_, i) => <PreregistrationPhotos item={i} /> },
    { title: '提交时间', dataIndex: 'submittedAt', render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      key: 'status',
      render: (_, i) => (
        <>
          <Tooltip title={i.returnReason ?? undefined}>
            <Tag color={COLORS[i.status]}>{PREREGISTRATION_STATUS_LABELS[i.status]}</Tag>
          </Tooltip>
          {i.lsh && <Typography.Text type="secondary">流水号 {i.lsh}</Typography.Text>}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      render: (_, i) => (
        <Space size={4} wrap>
          {can(EP.piiView) && !clear[i.preregNo] && (
            <Button size="small" onClick={() => setDialog({ kind: 'pii', item: i })}>
              查看明文
            </Button>
          )}
          {i.actions.register.allowed && (
            <Button size="small" type="primary" onClick={() => navigate(registerPath(i.preregNo))}>
              注册登记
            </Button>
          )}
          {i.actions.decide.allowed && (
            <>
              <Button
                size="small"
                type="primary"
                loading={accept.isPending && accept.variables?.preregNo === i.preregNo}
                onClick={() => accept.mutate({ preregNo: i.preregNo })}
              >
                受理
              </Button>
              <Button size="small" danger onClick={() => setDialog({ kind: 'return', item: i })}>
                退回
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title="网上预登记" extra={<Segmented<Filter> options={FILTERS} value={filter} onChange={setFilter} />}>
      <Typography.Paragraph type="secondary">
        市民在互联网区（随申办）填写的非机动车登记信息，经数据交换送达本部门；姓名、身份证号、手机号、发票号默认脱敏，查看明文须说明事由并记入审计；市民上传的照片（车辆、身份证明、购车发票、合格证明）随预登记送达，每次查看记入审计。受理后可按预登记预填办理注册登记（同一预登记只登记一次）；受理、退回与已登记（流水号）经数据交换告知市民。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error.message} /> : null}
      <Table<PreregistrationItem>
        rowKey="preregNo"
        size="small"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        data-testid="preregistrations"
      />
      {dialog?.kind === 'pii' && (
        <PiiViewModal
          subject="网上预登记"
          fullIdPurposes={[]}
          view={(body) => viewPreregistrationPii(dialog.item.preregNo, body)}
          onViewed={(item) => setClear((c) => ({ ...c, [item.preregNo]: item }))}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'return' && <ReturnModal item={dialog.item} onClose={() => setDialog(null)} />}
    </Card>
  );
}
