import {
  HUB_CASE_STATUSES,
  HUB_PUSH_OPS,
  HUB_PUSH_STATES,
  HUB_SERVICE_STATES,
  HUB_SERVICE_STATUSES,
  type HubPush,
  type HubPushState,
  type HubService,
} from '@shtp/core/publishing';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { PagedTable, StatusSelect } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { HubServiceModal } from './HubServiceModal';

const PUSH_COLOURS: Record<HubPushState, string> = { pending: 'gold', sent: 'green', failed: 'red', superseded: 'default' };

/** 一网通办对接 (G4): the area's services registered with the hub, and every call pushed to it with its state. */
export default function HubPage() {
  const { page, pageSize, reset, tablePagination } = usePagination();
  const [state, setState] = useState<HubPushState>();
  const [editing, setEditing] = useState<{ base: HubService | null } | null>(null);
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['publishing', 'hub'] });
  const services = useQuery({ queryKey: ['publishing', 'hub', 'services'], queryFn: () => api.get<{ items: HubService[] }>('/api/publishing/hub-services') });
  const pushes = useQuery({
    queryKey: ['publishing', 'hub', 'pushes', { page, pageSize, state }],
    queryFn: () => api.get<Page<HubPush>>('/api/publishing/hub-pushes', { page, pageSize, state }),
  });
  const retry = useMutation({
    mutationFn: (id: number) => api.post<HubPush>(`/api/publishing/hub-pushes/${id}/retry`, {}),
    onSuccess: () => {
      message.success('已重新推送');
      refresh();
    },
    onError: (e) => reportError(e),
  });
  const serviceColumns: TableColumnsType<HubService> = [
    { title: '事项编码', dataIndex: 'serviceCode' },
    { title: '事项名称', dataIndex: 'name' },
    { title: '分类', dataIndex: 'category' },
    { title: '办理地址', dataIndex: 'onlineUrl' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (_, s) => (
        <Space size={4}>
          <Tag color={s.status === 'online' ? 'green' : 'default'}>{HUB_SERVICE_STATUSES[s.status]}</Tag>
          {s.state === 'draft' && <Tag color="gold">{HUB_SERVICE_STATES.draft}</Tag>}
        </Space>
      ),
    },
    {
      title: '版本（一网通办已接受）',
      key: 'version',
      render: (_, s) =>
        s.state === 'draft'
          ? '未登记'
          : s.syncedVersion === s.version
            ? `第 ${s.version} 版`
            : `第 ${s.version} 版（已接受：${s.syncedVersion ? `第 ${s.syncedVersion} 版` : '无'}）`,
    },
    { title: '修改', key: 'updated', render: (_, s) => `${s.updatedBy} ${formatDateTime(s.updatedAt)}` },
    {
      title: '操作',
      key: 'actions',
      render: (_, s) => (
        <Button size="small" onClick={() => setEditing({ base: s })} data-testid={`hub-service-edit-${s.serviceCode}`}>
          {s.state === 'draft' ? '审核登记' : '修改'}
        </Button>
      ),
    },
  ];
  const pushColumns: TableColumnsType<HubPush> = [
    { title: '类别', dataIndex: 'op', render: (op: HubPush['op']) => HUB_PUSH_OPS[op] },
    { title: '编号', dataIndex: 'businessKey' },
    {
      title: '办件状态（事项编码）',
      key: 'case',
      render: (_, p) => (p.caseStatus ? `${HUB_CASE_STATUSES[p.caseStatus]}（${p.serviceCode}）` : ''),
    },
    { title: '版本', dataIndex: 'version' },
    { title: '状态', dataIndex: 'state', render: (s: HubPushState) => <Tag color={PUSH_COLOURS[s]}>{HUB_PUSH_STATES[s]}</Tag> },
    { title: '尝试次数', dataIndex: 'attempts' },
    { title: '失败原因', dataIndex: 'lastError', render: (e: string | null) => e ?? '' },
    { title: '生成时间', dataIndex: 'createdAt', render: (t: string) => formatDateTime(t) },
    { title: '推送时间', dataIndex: 'sentAt', render: (t: string | null) => (t ? formatDateTime(t) : '') },
    {
      title: '操作',
      key: 'actions',
      render: (_, p) => (
        <Tooltip title={p.actions.retry.allowed ? undefined : p.actions.retry.reason}>
          <Button size="small" disabled={!p.actions.retry.allowed} onClick={() => retry.mutate(p.id)} data-testid={`hub-push-retry-${p.id}`}>
            重新推送
          </Button>
        </Tooltip>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title="交警专区服务事项"
        extra={
          <Button type="primary" size="small" onClick={() => setEditing({ base: null })} data-testid="hub-service-create">
            登记服务事项
          </Button>
        }
      >
        <PagedTable size="small" columns={serviceColumns} result={services} data-testid="hub-services" />
      </Card>
      <Card size="small" title="推送记录（服务事项、已审核的公开内容与互联网区业务的办件状态）">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <StatusSelect
              labels={HUB_PUSH_STATES}
              value={state}
              onChange={(v) => {
                setState(v);
                reset();
              }}
            />
            <span>一网通办暂不可用时自动重试；被拒收的记录修正后可重新推送。</span>
          </Space>
          <PagedTable rowKey="id" size="small" columns={pushColumns} result={pushes} pagination={tablePagination} data-testid="hub-pushes" />
        </Space>
      </Card>
      {editing && <HubServiceModal base={editing.base} onClose={() => setEditing(null)} onDone={refresh} />}
    </Space>
  );
}
