import type { WarningRule } from '@shtp/core/roadworks';
import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useWarnings, type WarningList } from '../../api/roadworks-queries';
import { FilterSegmented } from '../../shared/paged-list';
import { districtName, RULE_LABELS } from './roadworks-labels';
import { WarningAlert } from './WarningAlert';

const RULES = Object.keys(RULE_LABELS) as WarningRule[];

/** 重复施工预警 (R4) for supervisors, within their data scope: counts per department (filter), per district and rule, and each warning with its evidence. */
export default function WarningsPage() {
  const [rule, setRule] = useState<WarningRule>();
  const [department, setDepartment] = useState<{ id: number; name: string } | null>(null);
  const list = useWarnings({ rule, department: department?.id });
  const districts = [...new Set((list.data?.byDistrict ?? []).map((r) => r.districtCode))];
  const countRows = districts.map((d) => ({
    districtCode: d,
    ...Object.fromEntries(RULES.map((r) => [r, list.data?.byDistrict.find((x) => x.districtCode === d && x.rule === r)?.count ?? 0])),
  }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <FilterSegmented labels={RULE_LABELS} value={rule} onChange={setRule} />
        {department && (
          <Tag closable onClose={() => setDepartment(null)} data-testid="warning-department-filter">
            承办部门：{department.name}
          </Tag>
        )}
      </Space>
      <Table
        rowKey={(r) => r.departmentId ?? 0}
        size="small"
        pagination={false}
        loading={list.isPending}
        dataSource={list.data?.byDepartment}
        columns={[
          {
            title: '承办部门（数据范围内，点击筛选）',
            key: 'department',
            render: (_, r) =>
              r.departmentId === null ? (
                '市级收件箱（未承接）'
              ) : (
                <Button type="link" size="small" onClick={() => setDepartment({ id: r.departmentId!, name: r.departmentName ?? '' })}>
                  {r.departmentName}
                </Button>
              ),
          },
          { title: '预警数', dataIndex: 'count', width: 100 },
        ]}
        data-testid="warning-department-counts"
      />
      <Table
        rowKey="districtCode"
        size="small"
        pagination={false}
        loading={list.isPending}
        dataSource={countRows}
        columns={[{ title: '区', dataIndex: 'districtCode', render: districtName }, ...RULES.map((r) => ({ title: RULE_LABELS[r], dataIndex: r }))]}
        data-testid="warning-counts"
      />
      {(list.data?.items ?? []).map((w: WarningList['items'][number]) => (
        <WarningAlert
          key={`${w.caseNo}-${w.rule}-${w.segmentId}`}
          warning={w}
          context={`${w.caseNo} · ${districtName(w.districtCode)} · ${w.departmentName ?? '市级收件箱'}`}
        />
      ))}
    </Space>
  );
}
