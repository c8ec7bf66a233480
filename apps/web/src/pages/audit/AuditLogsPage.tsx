import { type AuditEntry, P } from '@shtp/core/platform';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { ExportButton } from '../../shared/ExportButton';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { AuditFilterBar } from './AuditFilterBar';
import { useAuditActions } from './audit-actions';
import { type AuditFilterForm, auditQueryOf } from './audit-filters';

const orDash = (value: string | null) => value ?? '—';

const columnsOf = (actionLabel: (code: string) => string): TableColumnsType<AuditEntry> => [
  { title: '时间', dataIndex: 'ts', width: 170, render: formatDateTime },
  { title: '用户', dataIndex: 'username', render: orDash },
  { title: '部门', dataIndex: 'departmentName', render: orDash },
  { title: 'IP 地址', dataIndex: 'ip' },
  { title: '操作', dataIndex: 'action', render: (action: string) => actionLabel(action) },
  { title: '对象类型', dataIndex: 'targetType', render: orDash },
  { title: '对象ID', dataIndex: 'targetId', render: orDash },
  {
    title: '结果',
    dataIndex: 'result',
    render: (result: AuditEntry['result']) => (result === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
  },
  { title: '原因', dataIndex: 'reason', width: 240, ellipsis: true, render: orDash },
];

export default function AuditLogsPage() {
  const can = usePermission();
  const actions = useAuditActions();
  const [filters, setFilters] = useState<AuditFilterForm>({});
  const { page, pageSize, reset, tablePagination } = usePagination();
  const query = { ...auditQueryOf(filters), page, pageSize };

  const logs = useQuery({
    queryKey: [...queryKeys.auditLogs, query],
    queryFn: () => api.get<Page<AuditEntry>>('/api/audit/logs', query),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title="审计日志" extra={can(P.auditExport) && <ExportButton path="/api/audit/logs/export" filters={auditQueryOf(filters)} testId="audit-export" />}>
      <AuditFilterBar
        onSearch={(next) => {
          setFilters(next);
          reset();
        }}
      />
      <PagedTable
        columns={columnsOf(actions.label)}
        result={logs}
        pagination={tablePagination}
        expandable={{
          expandedRowRender: (entry) => (
            <pre className="json-details">
              {JSON.stringify(
                { roles: entry.roles, userAgent: entry.userAgent, errorCode: entry.errorCode, requestId: entry.requestId, ...entry.details },
                null,
                2,
              )}
            </pre>
          ),
        }}
      />
    </Card>
  );
}
