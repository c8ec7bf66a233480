import { WARNING_SCAN_PHASES, type WarningScanStatus } from '@shtp/core/archive';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { formatDateTime } from '../../shared/format';
import { type ArchiveSummary, type ArchiveWarnings, businessLabel, missingText, useArchiveWarnings } from './archive-api';

type Unopened = ArchiveWarnings['unopened']['items'][number];

interface Digest {
  day: string;
  departmentId: number;
  departmentName: string;
  incomplete: number;
  unopened: number;
  oldestAcceptedAt: string;
}

/** How often the page reads the state of the scan it queued, until the scan has ended. */
const SCAN_POLL_MS = 1_500;

const ageing = (since: string) => `${Math.floor((Date.now() - new Date(since).getTime()) / 3_600_000)} 小时`;

/** 立即检查's line: 检查中… / 检查完成（N 条预警） / 检查失败：why. */
function scanText(s: WarningScanStatus): string {
  if (s.phase === 'done') return `${WARNING_SCAN_PHASES.done}（${s.found ?? 0} 条预警）`;
  if (s.phase === 'failed') return `${WARNING_SCAN_PHASES.failed}：${s.error ?? '未知错误'}`;
  return WARNING_SCAN_PHASES.running;
}

/** 未采集齐全预警 (A6): per department with counts and ageing, then the businesses oldest first. */
export default function ArchiveWarningsPage() {
  const { data } = useArchiveWarnings();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [queued, setQueued] = useState<WarningScanStatus | null>(null);
  // The scan is a job: follow its state until it has ended, then read the lists (and the bell: it pushes one) once.
  const followed = useQuery({
    queryKey: ['archive', 'warnings', 'scan', queued?.jobId],
    queryFn: () => api.get<WarningScanStatus>(`/api/archive/warnings/scan/${queued!.jobId}`),
    enabled: queued !== null,
    refetchInterval: (q) => (q.state.data?.phase === 'running' ? SCAN_POLL_MS : false),
  });
  const status = followed.data ?? queued;
  const ended = status !== null && status.phase !== 'running';
  useEffect(() => {
    if (!ended) return;
    void queryClient.invalidateQueries({ queryKey: ['archive', 'warnings'], exact: true });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  }, [ended, queryClient]);
  const scan = useMutation({
    mutationFn: () => api.post<WarningScanStatus>('/api/archive/warnings/scan'),
    onSuccess: setQueued,
    onError: (e) => message.error(e.message),
  });
  const digests = useQuery({ queryKey: ['archive', 'warnings', 'digests'], queryFn: () => api.get<Digest[]>('/api/archive/warnings/digests', { days: 14 }) });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph>
        受理超过 {data?.hours ?? '—'} 小时仍缺少必需材料的业务（时限为系统参数 archive.warning.afterHours）。补齐材料后自动解除。
      </Typography.Paragraph>
      <Card title="按部门">
        <Table
          rowKey="departmentId"
          size="small"
          pagination={false}
          dataSource={data?.byDepartment ?? []}
          columns={[
            { title: '部门', dataIndex: 'departmentName' },
            { title: '未齐全业务数', dataIndex: 'count' },
            { title: '最久已', dataIndex: 'oldestAt', render: ageing },
          ]}
        />
      </Card>
      <Card title="每日摘要（近 14 天，每天 07:30 生成）">
        <Table<Digest>
          rowKey={(d) => `${d.day}-${d.departmentId}`}
          size="small"
          pagination={{ pageSize: 10 }}
          dataSource={digests.data ?? []}
          columns={[
            { title: '日期', dataIndex: 'day' },
            { title: '部门', dataIndex: 'departmentName' },
            { title: '未齐全业务数', dataIndex: 'incomplete' },
            { title: '未建档业务数', dataIndex: 'unopened' },
            { title: '最早受理', dataIndex: 'oldestAcceptedAt', render: formatDateTime },
          ]}
        />
      </Card>
      <Card
        title="尚未建立影像档案的业务（每小时检查一次）"
        extra={
          <Space>
            {status && (
              <Typography.Text type={status.phase === 'failed' ? 'danger' : status.phase === 'done' ? 'success' : 'secondary'} data-testid="scan-status">
                {scanText(status)}
              </Typography.Text>
            )}
            <Button onClick={() => scan.mutate()} loading={scan.isPending || status?.phase === 'running'}>
              立即检查
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          受理超过时限、按必需材料目录需要材料、但从未打开影像档案的业务。点击流水号进入影像采集；打开档案后即从此处移到上面的未齐全清单。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 8 }}>
          {(data?.unopened.byDepartment ?? []).map((d) => (
            <Typography.Text key={d.departmentId}>
              {d.departmentName}：{d.count} 笔，最久已 {ageing(d.oldestAt)}
            </Typography.Text>
          ))}
        </Space>
        <Table<Unopened>
          rowKey="businessId"
          size="small"
          dataSource={data?.unopened.items ?? []}
          data-testid="unopened-list"
          columns={[
            { title: '流水号', dataIndex: 'lsh', render: (lsh: string) => <Link to={`/archive/capture?lsh=${lsh}`}>{lsh}</Link> },
            { title: '业务', dataIndex: 'businessType', render: businessLabel },
            { title: '部门', dataIndex: 'departmentName' },
            { title: '受理时间', dataIndex: 'acceptedAt', render: formatDateTime },
            { title: '已过', dataIndex: 'acceptedAt', key: 'age', render: ageing },
          ]}
        />
      </Card>
      <Card title="未齐全业务清单">
        <Table<ArchiveSummary>
          rowKey="id"
          size="small"
          dataSource={data?.items ?? []}
          data-testid="warnings-list"
          columns={[
            { title: '流水号', dataIndex: 'lsh', render: (lsh: string, a) => <Link to={`/archive/archives/${a.id}`}>{lsh}</Link> },
            { title: '业务', dataIndex: 'businessType', render: businessLabel },
            { title: '部门', dataIndex: 'departmentName' },
            { title: '受理时间', dataIndex: 'acceptedAt', render: formatDateTime },
            { title: '已过', dataIndex: 'acceptedAt', key: 'age', render: ageing },
            { title: '缺少', key: 'm', render: (_, a) => missingText(a.missing) },
          ]}
        />
      </Card>
    </Space>
  );
}
