import type { CaseStatus, RoadworksCase } from '@shtp/core/roadworks';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type QueryParams, toQueryString } from '../../api/client';
import { useCases } from '../../api/roadworks-queries';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { PlacedRoads } from './RoadMap';
import { RoadPicker } from './RoadPicker';
import { districtName, STATUS_LABELS, WORKS_LABELS } from './roadworks-labels';

interface Filters {
  caseNo?: string;
  applicant?: string;
  district?: string;
  status?: CaseStatus;
  period?: [Dayjs, Dayjs] | null;
}

/** The printable permit: the case's facts and each road with its segments highlighted (R2). */
function PermitCard({ c }: { c: RoadworksCase }) {
  return (
    <Card
      className="roadworks-permit"
      title={`道路施工许可 ${c.caseNo}`}
      extra={
        <Button onClick={() => window.print()} data-testid="print-permit">
          打印
        </Button>
      }
    >
      <Descriptions size="small" column={2}>
        <Descriptions.Item label="申请单位">{c.applicant}</Descriptions.Item>
        <Descriptions.Item label="施工类型">{WORKS_LABELS[c.worksType]}</Descriptions.Item>
        <Descriptions.Item label="施工期限">
          {c.requestedFrom} 至 {c.requestedTo}
        </Descriptions.Item>
        <Descriptions.Item label="占用车道">{c.lanes}</Descriptions.Item>
        <Descriptions.Item label="施工路段" span={2}>
          {c.placements.map((p) => p.label).join('；') || '未定位'}
        </Descriptions.Item>
        <Descriptions.Item label="状态">{STATUS_LABELS[c.status]}</Descriptions.Item>
        <Descriptions.Item label="审批意见">{c.decisionReason ?? '—'}</Descriptions.Item>
      </Descriptions>
      <PlacedRoads placements={c.placements} />
    </Card>
  );
}

/** 施工许可查询 (R2): by case number, road, district, period, status, applicant; the segment drawn; Excel export. */
export default function PermitQueryPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [roadId, setRoadId] = useState<number | undefined>();
  const [selected, setSelected] = useState<RoadworksCase | null>(null);
  const { page, pageSize, reset, tablePagination } = usePagination();
  const query: QueryParams = {
    caseNo: filters.caseNo || undefined,
    applicant: filters.applicant || undefined,
    district: filters.district,
    status: filters.status,
    roadId,
    from: filters.period?.[0]?.format('YYYY-MM-DD'),
    to: filters.period?.[1]?.format('YYYY-MM-DD'),
  };
  const list = useCases({ ...query, page, pageSize });
  const columns: TableColumnsType<RoadworksCase> = [
    { title: '办件编号', dataIndex: 'caseNo' },
    { title: '申请单位', dataIndex: 'applicant' },
    { title: '施工类型', dataIndex: 'worksType', render: (t: RoadworksCase['worksType']) => WORKS_LABELS[t] },
    { title: '施工路段', key: 'segments', render: (_, c) => c.placements.map((p) => p.label).join('；') },
    { title: '所在区', dataIndex: 'districtCode', render: districtName },
    { title: '期限', key: 'period', render: (_, c) => `${c.requestedFrom} 至 ${c.requestedTo}` },
    { title: '状态', dataIndex: 'status', render: (s: CaseStatus) => STATUS_LABELS[s] },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form<Filters>
        layout="inline"
        onFinish={(values) => {
          setFilters(values);
          reset();
        }}
      >
        <Form.Item name="caseNo" label="办件编号">
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="applicant" label="申请单位">
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="道路" style={{ width: 260 }}>
          <RoadPicker onRoad={setRoadId} />
        </Form.Item>
        <Form.Item name="district" label="区">
          <Select allowClear style={{ width: 120 }} options={Object.entries(SHANGHAI_DISTRICTS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear style={{ width: 110 }} options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="period" label="期限">
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="permit-search">
          查询
        </Button>
        <Button href={`/api/roadworks/cases/export${toQueryString(query)}`}>导出 Excel</Button>
      </Form>
      <PagedTable
        size="small"
        columns={columns}
        result={list}
        pagination={tablePagination}
        onRow={(c) => ({ onClick: () => setSelected(c), 'data-testid': `permit-row-${c.caseNo}` }) as React.HTMLAttributes<HTMLElement>}
      />
      {selected && <PermitCard c={selected} />}
    </Space>
  );
}
