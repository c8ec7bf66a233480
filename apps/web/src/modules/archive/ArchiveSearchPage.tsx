import { EBIKE_BUSINESS_TYPES } from '@shtp/core/ebike';
import type { Department } from '@shtp/core/system';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, type QueryParams } from '../../api/client';
import { buildDepartmentTree, departmentOptions } from '../../shared/department-tree';
import { ExportButton } from '../../shared/ExportButton';
import { formatDateTime } from '../../shared/format';
import { type ArchiveSummary, businessLabel, missingText, useArchiveSearch } from './archive-api';

interface Filters {
  lsh?: string;
  plate?: string;
  zcbm?: string;
  ownerId?: string;
  businessType?: string;
  departmentId?: number;
  range?: [Dayjs, Dayjs];
  incomplete?: 'true' | 'false';
}

/** The search's query parameters of the filter form (empty fields left out). */
const toQuery = (f: Filters): QueryParams => ({
  lsh: f.lsh?.trim(),
  plate: f.plate?.trim(),
  zcbm: f.zcbm?.trim(),
  ownerId: f.ownerId?.trim(),
  businessType: f.businessType,
  departmentId: f.departmentId,
  incomplete: f.incomplete,
  from: f.range?.[0].format('YYYY-MM-DD'),
  to: f.range?.[1].format('YYYY-MM-DD'),
});

/**
 * 档案查询 (A4): city-wide within the user's data scope, by 流水号, plate, 整车编码, owner ID, department, date, business type;
 * 导出Excel of the filter form as it stands, before or after a search (an empty form: every archive the user may see).
 */
export default function ArchiveSearchPage() {
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<QueryParams | null>(null);
  const [page, setPage] = useState(1);
  const result = useArchiveSearch({ ...query, page, pageSize: 20 }, query !== null);
  const departments = useQuery({ queryKey: ['archive', 'departments'], queryFn: () => api.get<Department[]>('/api/archive/departments') });
  const departmentTree = useMemo(() => departmentOptions(buildDepartmentTree(departments.data ?? [])), [departments.data]);
  const search = (f: Filters) => {
    setPage(1);
    setQuery(toQuery(f));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title="影像档案查询"
        extra={<ExportButton path="/api/archive/archives/export" filters={() => toQuery(form.getFieldsValue())} testId="search-export" />}
      >
        <Form form={form} layout="inline" onFinish={search}>
          <Form.Item name="lsh" label="流水号">
            <Input allowClear data-testid="search-lsh" />
          </Form.Item>
          <Form.Item name="plate" label="号牌">
            <Input allowClear />
          </Form.Item>
          <Form.Item name="zcbm" label="整车编码">
            <Input allowClear />
          </Form.Item>
          <Form.Item name="ownerId" label="所有人证件号">
            <Input allowClear />
          </Form.Item>
          <Form.Item name="businessType" label="业务">
            <Select allowClear style={{ width: 140 }} options={Object.entries(EBIKE_BUSINESS_TYPES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="departmentId" label="部门">
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              style={{ width: 180 }}
              loading={departments.isPending}
              treeData={departmentTree}
              data-testid="search-department"
            />
          </Form.Item>
          <Form.Item name="range" label="受理日期">
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="incomplete" label="齐全">
            <Select
              allowClear
              style={{ width: 110 }}
              options={[
                { value: 'false', label: '已齐全' },
                { value: 'true', label: '未齐全' },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="search-submit">
            查询
          </Button>
        </Form>
      </Card>
      <Table<ArchiveSummary>
        rowKey="id"
        loading={result.isFetching}
        dataSource={result.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: result.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '流水号', dataIndex: 'lsh', render: (lsh: string, a) => <Link to={`/archive/archives/${a.id}`}>{lsh}</Link> },
          { title: '业务', dataIndex: 'businessType', render: businessLabel },
          { title: '号牌', dataIndex: 'plate' },
          { title: '整车编码', dataIndex: 'zcbm' },
          { title: '部门', dataIndex: 'departmentName' },
          { title: '受理时间', dataIndex: 'acceptedAt', render: formatDateTime },
          { title: '齐全', key: 'c', render: (_, a) => (a.complete ? <Tag color="green">已齐全</Tag> : <Tag color="orange">缺 {missingText(a.missing)}</Tag>) },
        ]}
      />
    </Space>
  );
}
