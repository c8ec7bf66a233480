import type { WarningRule } from '@shtp/core/roadworks';
import { Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import { useWarnings, type WarningList } from '../../api/roadworks-queries';
import { districtName, RULE_LABELS } from './roadworks-labels';
import { WarningAlert } from './WarningAlert';

const RULES = Object.keys(RULE_LABELS) as WarningRule[];

/** 重复施工预警 (R4) for supervisors: counts per district and rule, and each warning with its evidence. */
export default function WarningsPage() {
  const [rule, setRule] = useState<WarningRule | 'all'>('all');
  const list = useWarnings({ rule: rule === 'all' ? undefined : rule });
  const districts = [...new Set((list.data?.byDistrict ?? []).map((r) => r.districtCode))];
  const countRows = districts.map((d) => ({
    districtCode: d,
    ...Object.fromEntries(RULES.map((r) => [r, list.data?.byDistrict.find((x) => x.districtCode === d && x.rule === r)?.count ?? 0])),
  }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented<WarningRule | 'all'>
        value={rule}
        onChange={setRule}
        options={[{ value: 'all', label: '全部' }, ...RULES.map((r) => ({ value: r, label: RULE_LABELS[r] }))]}
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
        <WarningAlert key={`${w.caseNo}-${w.rule}-${w.segmentId}`} warning={w} context={`${w.caseNo} · ${districtName(w.districtCode)}`} />
      ))}
    </Space>
  );
}
