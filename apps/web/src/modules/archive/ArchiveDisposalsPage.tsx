import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { type ArchiveSummary, businessLabel } from './archive-api';

type Step = 'request' | 'approve' | 'reject';
type Due = ArchiveSummary & { steps: Step[] };

const STEP_TITLES: Record<Step, string> = { request: '申请处置', approve: '同意处置', reject: '驳回申请' };

/** What an approval erased: images no other archive or module uses; shared ones are kept for those. */
type Decided = ArchiveSummary & { imagesErased: number; imagesKept: number };
const approvedText = (d: Decided) => `已批准处置：擦除影像 ${d.imagesErased} 个${d.imagesKept ? `，${d.imagesKept} 个与其他档案或业务共用而保留` : ''}`;

/** 到期处置 (A5): archives past their retention period, disposed of by a request and a second person's approval. */
export default function ArchiveDisposalsPage() {
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const client = useQueryClient();
  const { data, isFetching } = useQuery({
    queryKey: ['archive', 'disposals'],
    queryFn: () => api.get<{ years: number; items: Due[] }>('/api/archive/disposals'),
  });
  const [acting, setActing] = useState<{ archive: Due; step: Step } | null>(null);
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: ({ archive, step }: { archive: Due; step: Step }) =>
      step === 'request'
        ? api.post(`/api/archive/archives/${archive.id}/disposal`, { reason: reason.trim() })
        : api.post<Decided>(`/api/archive/archives/${archive.id}/disposal/decision`, { approve: step === 'approve', reason: reason.trim() }),
    onSuccess: (result, { step }) => {
      message.success(step === 'request' ? '已提交处置申请，待另一人审批' : step === 'approve' ? approvedText(result as Decided) : '已驳回处置申请');
      setActing(null);
      setReason('');
      void client.invalidateQueries({ queryKey: ['archive'] });
    },
    onError: (error) => reportError(error),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph>
        受理后超过保存期限（系统参数「影像档案保存期限」，当前 {data?.years ?? '—'} 年）的档案。处置须由一人填写原因申请、
        另一人审批；设有法律保全的档案不列出、不能处置。批准后档案记录与页面清单保留，影像随即擦除（与其他档案或业务共用的影像保留给它们）。
      </Typography.Paragraph>
      <Table<Due>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        data-testid="disposals-list"
        columns={[
          { title: '流水号', dataIndex: 'lsh', render: (lsh: string, a) => <Link to={`/archive/archives/${a.id}`}>{lsh}</Link> },
          { title: '业务', dataIndex: 'businessType', render: businessLabel },
          { title: '部门', dataIndex: 'departmentName' },
          { title: '受理日期', dataIndex: 'acceptedAt', render: formatDate },
          {
            title: '处置申请',
            key: 'req',
            render: (_, a) => (a.disposalRequestedAt ? `${a.disposalRequestedByName}，${formatDateTime(a.disposalRequestedAt)}：${a.disposalReason}` : '—'),
          },
          {
            title: '操作',
            key: 'op',
            render: (_, a) => (
              <Space size={0}>
                {/* A pending request and no step: this person asked for it (anyone else with the permission may decide). */}
                {a.steps.length === 0 && a.disposalRequestedAt && (
                  <Typography.Text type="secondary" data-testid="disposal-own-request">
                    须由申请人以外的另一人审批
                  </Typography.Text>
                )}
                {a.steps.map((step) => (
                  <Button key={step} type="link" size="small" onClick={() => setActing({ archive: a, step })} data-testid={`disposal-${step}`}>
                    {STEP_TITLES[step]}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={acting !== null}
        title={acting ? `${STEP_TITLES[acting.step]}：${acting.archive.lsh}` : ''}
        onCancel={() => setActing(null)}
        onOk={() => acting && act.mutate(acting)}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: act.isPending }}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder={acting?.step === 'request' ? '处置原因（必填）' : '审批意见（必填）'}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="disposal-reason"
        />
      </Modal>
    </Space>
  );
}
