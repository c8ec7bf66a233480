import { JOB_STATE_LABELS, JOB_STATES, type Job, type JobState, type JobStats, P } from '@shtp/core/platform';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Progress, Row, Select, Space, Statistic, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, type Page } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { CANCELLABLE_STATES, countByState, JobStateTag, RETRYABLE_STATES } from './job-state';

/** State counters (click one to filter) and the paged job list. */
export function JobsTable() {
  const can = usePermission();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const [state, setState] = useState<JobState>();
  const [queue, setQueue] = useState<string>();
  const { page, pageSize, reset, tablePagination } = usePagination();

  const stats = useQuery({ queryKey: [...queryKeys.jobs, 'stats'], queryFn: () => api.get<JobStats>('/api/jobs/stats') });
  const query = { page, pageSize, state, queue };
  const jobs = useQuery({
    queryKey: [...queryKeys.jobs, 'list', query],
    queryFn: () => api.get<Page<Job>>('/api/jobs', query),
    placeholderData: keepPreviousData,
  });
  const counts = countByState(stats.data ?? [], queue);
  const queues = useMemo(() => [...new Set((stats.data ?? []).map((row) => row.queue))].sort(), [stats.data]);

  const act = useMutation({
    mutationFn: ({ job, action }: { job: Job; action: 'retry' | 'cancel' }) => api.post<Job>(`/api/jobs/${job.id}/${action}`),
    onSuccess: (_, { action }) => {
      message.success(action === 'retry' ? '已重新排队' : '任务已取消');
      queryClient.invalidateQueries({ queryKey: queryKeys.jobs });
    },
    onError: (error) => reportError(error),
  });

  const filterState = (next?: JobState) => {
    setState(next);
    reset();
  };

  const columns: TableColumnsType<Job> = [
    { title: 'ID', dataIndex: 'id', width: 80 },
    { title: '队列', dataIndex: 'queue' },
    { title: '状态', dataIndex: 'state', render: (jobState: JobState) => <JobStateTag state={jobState} /> },
    { title: '进度', key: 'progress', width: 180, render: (_, job) => <JobProgress job={job} /> },
    { title: '尝试次数', key: 'attempts', render: (_, job) => `${job.attempts} / ${job.maxAttempts}` },
    { title: '计划执行', dataIndex: 'runAt', render: formatDateTime },
    { title: '创建时间', dataIndex: 'createdAt', render: formatDateTime },
    { title: '结束时间', dataIndex: 'finishedAt', render: formatDateTime },
    {
      title: '最后错误',
      dataIndex: 'lastError',
      width: 240,
      ellipsis: true,
      render: (lastError: string | null) =>
        lastError ? (
          <Typography.Text type="danger" title={lastError}>
            {lastError}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
  if (can(P.jobManage)) {
    columns.push({
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, job) => (
        <Space size={0}>
          {RETRYABLE_STATES.has(job.state) && (
            <Button type="link" size="small" onClick={() => act.mutate({ job, action: 'retry' })}>
              重试
            </Button>
          )}
          {CANCELLABLE_STATES.has(job.state) && (
            <ConfirmLink title={`确定取消任务 #${job.id}？`} onConfirm={() => act.mutate({ job, action: 'cancel' })}>
              取消
            </ConfirmLink>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <Row gutter={[12, 12]} className="toolbar">
        {JOB_STATES.map((jobState) => (
          <Col key={jobState} xs={12} md={8} xl={4}>
            <Card
              size="small"
              hoverable
              className={state === jobState ? 'job-stat-selected' : undefined}
              onClick={() => filterState(state === jobState ? undefined : jobState)}
            >
              <Statistic title={JOB_STATE_LABELS[jobState]} value={counts[jobState]} loading={stats.isPending} />
            </Card>
          </Col>
        ))}
      </Row>
      <Space className="toolbar" wrap>
        <Select
          placeholder="全部状态"
          allowClear
          className="status-filter"
          value={state}
          onChange={filterState}
          options={JOB_STATES.map((value) => ({ value, label: JOB_STATE_LABELS[value] }))}
        />
        <Select
          placeholder="全部队列"
          allowClear
          className="status-filter"
          value={queue}
          onChange={(value) => {
            setQueue(value);
            reset();
          }}
          options={queues.map((value) => ({ value, label: value }))}
        />
        <Button
          onClick={() => {
            stats.refetch();
            jobs.refetch();
          }}
        >
          刷新
        </Button>
      </Space>
      <PagedTable columns={columns} result={jobs} pagination={tablePagination} />
    </>
  );
}

/** Done / total of a job that reports its progress (e.g. the demo population); a dash for one that does not. */
export function JobProgress({ job }: { job: Job }) {
  if (!job.progress || job.progress.total === 0) return '—';
  const { done, total } = job.progress;
  const status = job.state === 'running' ? 'active' : job.state === 'succeeded' ? 'success' : job.state === 'dead' ? 'exception' : 'normal';
  return (
    <>
      <Progress percent={Math.floor((done / total) * 100)} size="small" status={status} />
      <Typography.Text type="secondary" className="job-progress-count">
        {done.toLocaleString('zh-CN')} / {total.toLocaleString('zh-CN')}
      </Typography.Text>
    </>
  );
}
