import { PlusOutlined } from '@ant-design/icons';
import { DEVICE_CAPABILITY_LABELS, DEVICE_STATUS_LABELS, DEVICE_STATUSES, type Device, type DeviceCapability, type DeviceStatus, P } from '@shtp/core/platform';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { useDepartmentTree } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { formatDateTime } from '../../shared/format';
import { KeywordStatusToolbar, PagedTable, useKeywordStatusList } from '../../shared/paged-list';
import { DeviceFormModal } from './DeviceFormModal';

const queryKey = ['security', 'devices'];

function StatusTag({ status }: { status: DeviceStatus }) {
  return <Tag color={status === 'active' ? 'green' : 'red'}>{DEVICE_STATUS_LABELS[status]}</Tag>;
}

/**
 * 终端管理 (C1): the PDA devices whose digital envelopes the server accepts, with the fingerprint of each registered
 * SM2 public key, status and when each was last heard from. The security admin registers, edits and disables them.
 */
export default function DevicesPage() {
  const can = usePermission();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const { tree } = useDepartmentTree();

  const { query, filters, tablePagination } = useKeywordStatusList<DeviceStatus>();
  const [editing, setEditing] = useState<Device | 'new' | null>(null);

  const devices = useQuery({
    queryKey: [...queryKey, query],
    queryFn: () => api.get<Page<Device>>('/api/security/devices', query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey });

  const setStatusOf = useMutation({
    mutationFn: ({ device, next }: { device: Device; next: DeviceStatus }) => api.put<Device>(`/api/security/devices/${device.id}`, { status: next }),
    onSuccess: (saved) => {
      message.success(`终端 ${saved.code} 已${DEVICE_STATUS_LABELS[saved.status]}`);
      refresh();
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<Device> = [
    { title: '终端编号', dataIndex: 'code', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
    { title: '名称', dataIndex: 'name' },
    { title: '所属部门', dataIndex: 'departmentName' },
    {
      title: '公钥指纹',
      dataIndex: 'fingerprint',
      render: (fingerprint: string, device) => (
        <Tooltip title="SM3(公钥) 前 16 位，与终端上显示的指纹核对">
          <Typography.Text copyable={{ text: device.publicKey, tooltips: ['复制公钥', '已复制'] }} code>
            {fingerprint}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: '类型',
      dataIndex: 'capabilities',
      render: (value: DeviceCapability[]) => value.map((c) => <Tag key={c}>{DEVICE_CAPABILITY_LABELS[c]}</Tag>),
    },
    { title: '状态', dataIndex: 'status', render: (value: DeviceStatus) => <StatusTag status={value} /> },
    { title: '最后通信', dataIndex: 'lastSeenAt', render: (value: string | null) => (value ? formatDateTime(value) : '从未') },
    { title: '应用版本', dataIndex: 'appVersion', render: (value: string | null) => value ?? '—' },
    { title: '登记人', dataIndex: 'createdBy', render: (value: string | null) => value ?? '—' },
    { title: '登记时间', dataIndex: 'createdAt', render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, device) =>
        can(P.deviceManage) && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(device)} data-testid={`device-edit-${device.code}`}>
              编辑
            </Button>
            {device.status === 'active' ? (
              <ConfirmLink
                title={`确定停用终端 ${device.code}？`}
                description="停用后立即拒收该终端的数字信封，可随时重新启用。"
                okText="停用"
                onConfirm={() => setStatusOf.mutate({ device, next: 'disabled' })}
                testId={`device-disable-${device.code}`}
              >
                停用
              </ConfirmLink>
            ) : (
              <Button type="link" size="small" onClick={() => setStatusOf.mutate({ device, next: 'active' })} data-testid={`device-enable-${device.code}`}>
                启用
              </Button>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Card
      title="终端管理"
      extra={
        can(P.deviceManage) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="device-create">
            登记终端
          </Button>
        )
      }
    >
      <Alert
        type="info"
        showIcon
        className="auth-alert"
        title="只有已登记且启用的终端才能与服务器通信：请求和应答都以数字信封传输（SM2 签名与密钥封装、SM4 加密），防篡改、防重放。停用后立即拒收该终端的请求，拒收记入审计日志。"
      />
      <KeywordStatusToolbar
        filters={filters}
        placeholder="终端编号 / 名称"
        statuses={DEVICE_STATUSES}
        labels={DEVICE_STATUS_LABELS}
        searchTestId="device-keyword"
        exportPath="/api/security/devices/export"
      />
      <PagedTable columns={columns} result={devices} pagination={tablePagination} />
      {editing && (
        <DeviceFormModal
          device={editing === 'new' ? undefined : editing}
          tree={tree}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
    </Card>
  );
}
