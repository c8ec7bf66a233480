import {
  INBOXES,
  ORDER_STATES,
  type OrderState,
  RISK_SUBJECTS,
  type RiskSubject,
  RULES,
  type RuleCode,
  SEVERITIES,
  type Severity,
  type WarningItem,
} from '@shtp/core/tempplate';
import { Badge, Button, Card, Segmented, Select, Space, Switch, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { AssignModal } from './AssignModal';
import { useInboxCounts, useWarnings, warningsExportUrl } from './tempplate-queries';
import { WarningDrawer } from './WarningDrawer';

type Inbox = keyof typeof INBOXES | 'all';
const SEVERITY_COLOURS: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'blue' };

/** 预警工单: the warnings in reach with their orders; inboxes per role, filters, batch assignment; the detail in a drawer. */
export default function WarningsPage() {
  // A drill-down from the statistics or the risk profile arrives with its filters in the address.
  const [search, setSearch] = useSearchParams();
  const drill = {
    departmentId: search.get('departmentId') ?? undefined,
    from: search.get('from') ?? undefined,
    to: search.get('to') ?? undefined,
    subjectKind: (search.get('subjectKind') ?? undefined) as RiskSubject | undefined,
    subjectKey: search.get('subjectKey') ?? undefined,
  };
  const drilled = Object.values(drill).some((v) => v !== undefined);
  const [inbox, setInbox] = useState<Inbox>('all');
  const [rule, setRule] = useState<RuleCode | undefined>((search.get('rule') as RuleCode | null) ?? undefined);
  const [overdue, setOverdue] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [assigning, setAssigning] = useState<number[] | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const { page, pageSize, reset, tablePagination } = usePagination();
  const counts = useInboxCounts();
  const filters = {
    inbox: inbox === 'all' ? undefined : inbox,
    rule,
    overdue: overdue ? ('true' as const) : undefined,
    ...drill,
    departmentId: drill.departmentId ? Number(drill.departmentId) : undefined,
  };
  const list = useWarnings({ page, pageSize, ...filters });
  const assignable = new Set((list.data?.items ?? []).filter((w) => w.actions.assign.allowed).map((w) => w.id));

  const columns: TableColumnsType<WarningItem> = [
    { title: '规则', dataIndex: 'rule', width: 220, render: (_, w) => `${w.rule} ${w.ruleName}` },
    { title: '等级', dataIndex: 'severity', width: 70, render: (s: Severity) => <Tag color={SEVERITY_COLOURS[s]}>{SEVERITIES[s]}</Tag> },
    {
      title: '摘要',
      dataIndex: 'summary',
      render: (summary: string, w) => (
        <Typography.Link onClick={() => setOpenId(w.id)} data-testid={`warning-${w.id}`}>
          {summary}
        </Typography.Link>
      ),
    },
    { title: '临牌号码', dataIndex: 'plate', width: 100 },
    { title: '办理部门', dataIndex: 'departmentName', width: 160 },
    { title: '发放时间', dataIndex: 'issuedAt', width: 170, render: formatDateTime },
    {
      title: '工单',
      dataIndex: 'state',
      width: 200,
      render: (state: OrderState, w) => (
        <Space size={4}>
          <Tag>{ORDER_STATES[state]}</Tag>
          {w.overdue && <Tag color="red">超期</Tag>}
          {w.overdue && w.remindedAt && <Tag color="volcano">已催办</Tag>}
        </Space>
      ),
    },
    { title: '办理部门（工单）', dataIndex: 'assigneeDepartmentName', width: 160 },
  ];

  const inboxLabel = (key: keyof typeof INBOXES) => (
    <Space size={4}>
      {INBOXES[key]}
      <Badge count={counts.data?.[key] ?? 0} showZero color="#1677ff" />
    </Space>
  );

  return (
    <Card size="small" title="预警工单" extra={<Typography.Text type="secondary">超期 {counts.data?.overdue ?? 0} 件</Typography.Text>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Segmented<Inbox>
            value={inbox}
            onChange={(v) => {
              setInbox(v);
              setSelected([]);
              reset();
            }}
            options={[{ value: 'all', label: '全部' }, ...(Object.keys(INBOXES) as (keyof typeof INBOXES)[]).map((k) => ({ value: k, label: inboxLabel(k) }))]}
            data-testid="inbox"
          />
          <Select<RuleCode>
            allowClear
            placeholder="规则"
            style={{ width: 260 }}
            value={rule}
            onChange={(v) => {
              setRule(v);
              reset();
            }}
            options={(Object.keys(RULES) as RuleCode[]).map((r) => ({ value: r, label: `${r} ${RULES[r]}` }))}
          />
          <Space size={4}>
            <Switch
              checked={overdue}
              onChange={(v) => {
                setOverdue(v);
                reset();
              }}
            />
            只看超期
          </Space>
          {drilled && (
            <Tag closable onClose={() => setSearch({})} data-testid="drill-filter">
              {[
                drill.from && `${drill.from} 至 ${drill.to ?? ''}`,
                drill.departmentId && '指定部门',
                drill.subjectKind && `风险画像：${RISK_SUBJECTS[drill.subjectKind]}`,
              ]
                .filter(Boolean)
                .join('，')}
            </Tag>
          )}
          <Button href={warningsExportUrl(filters)} data-testid="export-warnings">
            导出 Excel
          </Button>
          <Button type="primary" disabled={selected.length === 0} onClick={() => setAssigning(selected)} data-testid="assign-selected">
            分配所选（{selected.length}）
          </Button>
        </Space>
        <PagedTable
          size="small"
          columns={columns}
          result={list}
          pagination={tablePagination}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as number[]),
            // Only orders the server allows this user to assign can be selected.
            getCheckboxProps: (w: WarningItem) => ({ disabled: !assignable.has(w.id) }),
          }}
          data-testid="warning-list"
        />
      </Space>
      <WarningDrawer id={openId} onClose={() => setOpenId(null)} onAssign={(id) => setAssigning([id])} />
      <AssignModal
        ids={assigning}
        onClose={(done) => {
          setAssigning(null);
          if (done) setSelected([]);
        }}
      />
    </Card>
  );
}
