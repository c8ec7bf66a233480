import { UPLOAD_STATUS, type UploadStatus } from '@shtp/core/ebike';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, List, Row, Segmented, Space, Statistic, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ebikeKeys, UPLOAD_REFRESH_MS, type UploadItem, useUploadStats, useUploads } from '../../api/ebike-queries';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { UploadStatusTag } from './UploadStatusTag';

const STATES = Object.keys(UPLOAD_STATUS) as UploadStatus[];
const STAT_COLOURS: Record<UploadStatus, string | undefined> = { pending: undefined, uploading: '#1677ff', done: '#52c41a', failed: '#ff4d4f' };

/** 上传监控: how many businesses are in each 六合一 upload state, why uploads fail, and resend of the failed ones. */
export default function UploadMonitorPage() {
  const [status, setStatus] = useState<UploadStatus | undefined>(undefined);
  const { page, pageSize, reset, tablePagination } = usePagination();
  const stats = useUploadStats();
  const list = useUploads({ status, page, pageSize });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();

  const resend = useMutation({
    mutationFn: (businessId: number) => api.post<void>(`/api/ebike/uploads/${businessId}/resend`),
    onSuccess: () => {
      message.success('已重新加入上传队列');
      queryClient.invalidateQueries({ queryKey: ebikeKeys.uploads });
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<UploadItem> = [
    { title: '流水号', dataIndex: 'lsh', width: 140 },
    { title: '业务', dataIndex: 'typeLabel', width: 110 },
    {
      title: '号牌号码',
      dataIndex: 'plate',
      render: (plate: string | null, row) => <Link to={`/ebike/vehicles/${row.vehicleId}`}>{plate ?? '（无号牌）'}</Link>,
    },
    { title: '部门', dataIndex: 'departmentName' },
    { title: '办理时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
    { title: '上传状态', dataIndex: 'upload', width: 100, render: (upload: UploadItem['upload']) => <UploadStatusTag upload={upload} /> },
    { title: '失败原因', key: 'error', render: (_, row) => (row.upload.status === 'failed' ? row.upload.error : null) },
    { title: '次数', key: 'attempts', width: 60, render: (_, row) => row.upload.attempts },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      // Offered as the server decides it for this user (a failed upload, with the permission).
      render: (_, row) =>
        row.actions.resend.allowed && (
          <Button
            size="small"
            loading={resend.isPending && resend.variables === row.businessId}
            onClick={() => resend.mutate(row.businessId)}
            data-testid={`resend-${row.businessId}`}
          >
            重新上传
          </Button>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        {STATES.map((s) => (
          <Col span={6} key={s}>
            <Card size="small" data-testid={`upload-count-${s}`}>
              <Statistic
                title={UPLOAD_STATUS[s]}
                value={stats.data?.counts[s] ?? 0}
                loading={stats.isPending}
                styles={{ content: { color: STAT_COLOURS[s] } }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title="失败原因（前 10 位）">
        <List
          size="small"
          dataSource={stats.data?.failureReasons ?? []}
          locale={{ emptyText: '没有上传失败的业务' }}
          renderItem={(r) => (
            <List.Item extra={<Typography.Text strong>{r.count}</Typography.Text>} data-testid="failure-reason">
              {r.reason}
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title="上传记录" extra={<Typography.Text type="secondary">每 {UPLOAD_REFRESH_MS / 1000} 秒自动刷新</Typography.Text>}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Segmented<UploadStatus | 'all'>
            value={status ?? 'all'}
            onChange={(value) => {
              setStatus(value === 'all' ? undefined : value);
              reset();
            }}
            options={[{ value: 'all', label: '全部' }, ...STATES.map((s) => ({ value: s, label: UPLOAD_STATUS[s] }))]}
            data-testid="upload-filter"
          />
          <PagedTable
            rowKey="businessId"
            size="small"
            columns={columns}
            result={list}
            loading={list.isPending}
            pagination={tablePagination}
            data-testid="upload-list"
          />
        </Space>
      </Card>
    </Space>
  );
}
