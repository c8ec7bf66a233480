import { UPLOAD_STATUS, type UploadStatus } from '@shtp/core/ebike';
import { Button, Card, Col, DatePicker, Form, Input, List, Row, Space, Statistic, type TableColumnsType, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { UPLOAD_REFRESH_MS, type UploadFilters, type UploadItem, useUploadStats, useUploads } from '../../api/ebike-queries';
import { usePermission } from '../../auth/session';
import { ExportButton } from '../../shared/ExportButton';
import { FilterActions } from '../../shared/FilterActions';
import { formatDateTime } from '../../shared/format';
import { FilterSegmented, PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { EP } from './ebike-permissions';
import { ProjectionReportCard } from './ProjectionReportCard';
import { ReconciliationCard } from './ReconciliationCard';
import { UploadStatusTag } from './UploadStatusTag';
import { useResend } from './use-resend';

const STATES = Object.keys(UPLOAD_STATUS) as UploadStatus[];
const STAT_COLOURS: Record<UploadStatus, string | undefined> = {
  pending: undefined,
  uploading: '#1677ff',
  done: '#52c41a',
  failed: '#ff4d4f',
  rejected: '#ff4d4f',
  waiting: '#faad14',
  repaired: '#52c41a',
};

interface FilterForm {
  plate?: string;
  lsh?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** Plate, 流水号 and the day range (the state is the segmented control above the list). */
function UploadFilterBar({ onSearch }: { onSearch: (f: FilterForm) => void }) {
  const [form] = Form.useForm<FilterForm>();
  return (
    <Form form={form} layout="inline" onFinish={onSearch} data-testid="upload-filters">
      <Form.Item name="plate" label="号牌号码">
        <Input allowClear className="filter-input" data-testid="upload-plate" />
      </Form.Item>
      <Form.Item name="lsh" label="流水号">
        <Input allowClear className="filter-input" maxLength={13} data-testid="upload-lsh" />
      </Form.Item>
      <Form.Item name="range" label="办理日期">
        <DatePicker.RangePicker />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch({})} searchTestId="upload-search" />
    </Form>
  );
}

/**
 * 上传监控: how many businesses are in each 六合一 upload state, why uploads fail or wait, the list filtered by plate,
 * 流水号, state and day (newest first) with its Excel export, resend of failed ones and repair of rejected ones.
 */
export default function UploadMonitorPage() {
  const [status, setStatus] = useState<UploadStatus | undefined>(undefined);
  const [form, setForm] = useState<FilterForm>({});
  const { page, pageSize, reset, tablePagination } = usePagination();
  const filters: UploadFilters = {
    status,
    plate: form.plate?.trim() || undefined,
    lsh: form.lsh?.trim() || undefined,
    from: form.range?.[0]?.format('YYYY-MM-DD'),
    to: form.range?.[1]?.format('YYYY-MM-DD'),
  };
  const stats = useUploadStats();
  const list = useUploads({ ...filters, page, pageSize });
  const navigate = useNavigate();
  const can = usePermission();
  const resend = useResend();

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
    {
      title: '原因',
      key: 'error',
      render: (_, row) => (
        <>
          {row.correctsLsh && <Typography.Text type="secondary">更正 {row.correctsLsh}；</Typography.Text>}
          {row.upload.status === 'done' ? null : row.upload.error}
        </>
      ),
    },
    { title: '次数', key: 'attempts', width: 60, render: (_, row) => row.upload.attempts },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      // Offered as the server decides it for this user (a failed or rejected upload, with the permission).
      render: (_, row) => (
        <Space size="small">
          {row.actions.repair.allowed && (
            <Button
              size="small"
              type="primary"
              onClick={() => navigate(`/ebike/vehicles/${row.vehicleId}?repair=${row.businessId}`)}
              data-testid={`repair-${row.businessId}`}
            >
              更正重报
            </Button>
          )}
          {row.actions.resend.allowed && (
            <Button
              size="small"
              loading={resend.isPending && resend.variables === row.businessId}
              onClick={() => resend.mutate(row.businessId)}
              data-testid={`resend-${row.businessId}`}
            >
              重新上传
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        {STATES.map((s) => (
          <Col flex="1" key={s}>
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
      <Card size="small" title="失败与退回原因（前 10 位）">
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
      <ReconciliationCard canRun={can(EP.uploadResend)} />
      <ProjectionReportCard canRun={can(EP.uploadResend)} />
      <Card
        size="small"
        title="上传记录"
        extra={
          <Space>
            <Typography.Text type="secondary">每 {UPLOAD_REFRESH_MS / 1000} 秒自动刷新</Typography.Text>
            <ExportButton path="/api/ebike/uploads/export" filters={{ ...filters }} testId="upload-export" />
          </Space>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <UploadFilterBar
            onSearch={(next) => {
              setForm(next);
              reset();
            }}
          />
          <FilterSegmented
            labels={UPLOAD_STATUS}
            value={status}
            onChange={(value) => {
              setStatus(value);
              reset();
            }}
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
