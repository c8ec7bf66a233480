import { type CaseStatus, ROADWORKS_P, type RoadworksCase } from '@shtp/core/roadworks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Segmented, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCases } from '../../api/roadworks-queries';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { usePagination } from '../../shared/use-pagination';
import { CaseDrawer } from './CaseDrawer';
import { EmergencyModal } from './EmergencyModal';
import { RoutingModal } from './RoutingModal';
import { STATUS_LABELS, WORKS_LABELS } from './roadworks-labels';

/** 施工办件: the 一网通办 cases to place on standard segments and decide (R1). */
export default function CasesPage() {
  const [status, setStatus] = useState<CaseStatus>('received');
  const [open, setOpen] = useState<number | null>(null);
  const [filing, setFiling] = useState(false);
  const [routing, setRouting] = useState(false);
  const can = usePermission();
  const { page, pageSize, reset, tablePagination } = usePagination();
  const list = useCases({ status, page, pageSize });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const pull = useMutation({
    mutationFn: () => api.post<{ received: number; new: number }>('/api/roadworks/cases/pull'),
    onSuccess: (r) => {
      message.success(`收到 ${r.received} 件，新办件 ${r.new} 件`);
      queryClient.invalidateQueries({ queryKey: ['roadworks', 'cases'] });
    },
    onError: (e) => reportError(e),
  });
  const columns: TableColumnsType<RoadworksCase> = [
    {
      title: '办件编号',
      dataIndex: 'caseNo',
      render: (no: string, c) => (
        <Button type="link" size="small" onClick={() => setOpen(c.id)} data-testid={`case-${no}`}>
          {no}
        </Button>
      ),
    },
    { title: '申请单位', dataIndex: 'applicant' },
    {
      title: '施工类型',
      dataIndex: 'worksType',
      render: (t: RoadworksCase['worksType'], c) => (
        <>
          {WORKS_LABELS[t]}
          {c.emergency && <Tag color="red">抢修</Tag>}
        </>
      ),
    },
    { title: '申请地点', dataIndex: 'locationText' },
    {
      title: '承办部门',
      dataIndex: 'departmentName',
      render: (name: string | null) => name ?? <Tag>市级收件箱</Tag>,
    },
    { title: '期限', key: 'period', render: (_, c) => `${c.requestedFrom} 至 ${c.requestedTo}` },
    { title: '预警', key: 'warnings', render: (_, c) => (c.warnings.length ? <Tag color="red">{c.warnings.length}</Tag> : null) },
    { title: '收件时间', dataIndex: 'receivedAt', render: formatDateTime },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Segmented<CaseStatus>
          value={status}
          options={(Object.keys(STATUS_LABELS) as CaseStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          onChange={(s) => {
            setStatus(s);
            reset();
          }}
        />
        <Button data-testid="pull-cases" loading={pull.isPending} onClick={() => pull.mutate()}>
          收取一网通办办件
        </Button>
        {can(ROADWORKS_P.emergency) && <Button onClick={() => setFiling(true)}>抢修补办登记</Button>}
        {can(ROADWORKS_P.routingEdit) && (
          <Button data-testid="routing-open" onClick={() => setRouting(true)}>
            各区承办部门
          </Button>
        )}
      </Space>
      <Table rowKey="id" size="small" columns={columns} dataSource={list.data?.items} loading={list.isPending} pagination={tablePagination(list.data?.total)} />
      <CaseDrawer id={open} onClose={() => setOpen(null)} />
      {routing && <RoutingModal onClose={() => setRouting(false)} />}
      {filing && (
        <EmergencyModal
          onClose={() => setFiling(false)}
          onFiled={(c) => {
            setFiling(false);
            setOpen(c.id);
          }}
        />
      )}
    </Space>
  );
}
