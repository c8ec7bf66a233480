import { P, type Param } from '@shtp/core/platform';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Input, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { usePermission } from '../../auth/session';
import { registeredGroups } from '../../menu/registry';
import { formatDateTime } from '../../shared/format';
import { ParamEditModal } from './ParamEditModal';
import { asList, formatParamValue } from './param-values';

/** Platform parameter groups; a module's group is named like its menu folder (registerMenuGroups). */
const MODULE_LABELS: Record<string, string> = {
  security: '安全策略',
  auth: '登录认证',
  audit: '安全审计',
  system: '系统',
  jobs: '任务队列',
  backup: '备份恢复',
};

export const moduleLabel = (module: string): string => MODULE_LABELS[module] ?? registeredGroups().find((g) => g.key === module)?.label ?? '其他';

/** Parameters by module, those whose name or description contains the term (all for an empty term). */
export function groupByModule(params: Param[], term = ''): [string, Param[]][] {
  const needle = term.trim().toLowerCase();
  const groups = new Map<string, Param[]>();
  for (const param of params) {
    if (needle && !`${param.label} ${param.description} ${moduleLabel(param.module)}`.toLowerCase().includes(needle)) continue;
    groups.set(param.module, [...(groups.get(param.module) ?? []), param]);
  }
  return [...groups];
}

function ParamValue({ param, value }: { param: Param; value: unknown }) {
  if (param.type === 'list') {
    const items = asList(value);
    return items.length > 0 ? items.map((item) => <Tag key={item}>{item}</Tag>) : <Typography.Text type="secondary">（空）</Typography.Text>;
  }
  return formatParamValue(param, value);
}

export default function ParamsPage() {
  const can = usePermission();
  const params = useQuery({ queryKey: queryKeys.params, queryFn: () => api.get<Param[]>('/api/system/params') });
  const [term, setTerm] = useState('');
  const groups = useMemo(() => groupByModule(params.data ?? [], term), [params.data, term]);
  const [editing, setEditing] = useState<Param | null>(null);
  const canEdit = (param: Param) => can(param.security ? P.paramUpdateSecurity : P.paramUpdate);

  const columns: TableColumnsType<Param> = [
    {
      title: '参数',
      dataIndex: 'label',
      width: '20%',
      render: (label: string, param) => (
        <Space size={4}>
          {label}
          {param.security && <Tag color="red">安全参数</Tag>}
        </Space>
      ),
    },
    { title: '说明', dataIndex: 'description' },
    { title: '当前值', key: 'value', width: '18%', render: (_, param) => <ParamValue param={param} value={param.value} /> },
    { title: '默认值', key: 'defaultValue', width: '14%', render: (_, param) => <ParamValue param={param} value={param.defaultValue} /> },
    {
      title: '最后修改',
      key: 'updated',
      width: '16%',
      render: (_, param) => (param.updatedAt ? `${formatDateTime(param.updatedAt)} ${param.updatedBy ?? ''}` : '—'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, param) =>
        canEdit(param) && (
          <Button type="link" size="small" onClick={() => setEditing(param)}>
            修改
          </Button>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" className="full-width">
      <Input.Search
        allowClear
        placeholder="按参数名称或说明查找"
        className="filter-search"
        onChange={(e) => setTerm(e.target.value)}
        data-testid="param-search"
      />
      {params.isPending && <Card loading title="系统参数" />}
      {params.data && groups.length === 0 && <Empty description="没有匹配的参数" />}
      {groups.map(([module, moduleParams]) => (
        <Card key={module} title={moduleLabel(module)} size="small">
          <Table rowKey="key" columns={columns} dataSource={moduleParams} pagination={false} size="small" />
        </Card>
      ))}
      {editing && <ParamEditModal param={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
