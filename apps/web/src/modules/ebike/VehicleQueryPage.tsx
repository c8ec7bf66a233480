import { PLATE_KINDS, type VehicleSearchQuery, VehicleSearchQuerySchema, type VehicleSummary } from '@shtp/core/ebike';
import { Card, Input, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useVehicleSearch } from '../../api/ebike-queries';
import { errorText } from '../../forms/server-errors';
import { ExportButton } from '../../shared/ExportButton';
import { formatDateTime } from '../../shared/format';
import { codeLabel } from './code-labels';
import { StatusTags } from './VehicleInfo';

type SearchKey = keyof VehicleSearchQuery;

const SEARCH_KEYS: { value: SearchKey; label: string }[] = [
  { value: 'plate', label: '号牌号码' },
  { value: 'zcbm', label: '整车编码' },
  { value: 'motorNo', label: '电机号' },
  { value: 'idNumber', label: '身份证明号码' },
  { value: 'phone', label: '联系电话' },
];

const columns: TableColumnsType<VehicleSummary> = [
  { title: '号牌号码', dataIndex: 'plate', render: (plate: string | null, v) => <Link to={`/ebike/vehicles/${v.id}`}>{plate ?? '（无号牌）'}</Link> },
  { title: '号牌种类', dataIndex: 'plateKind', render: (kind: string) => codeLabel(PLATE_KINDS, kind) },
  { title: '整车编码', dataIndex: 'zcbm' },
  { title: '品牌型号', key: 'brand', render: (_, v) => `${v.brand} ${v.model}` },
  { title: '所有人', dataIndex: 'ownerName', render: (name: string | null) => <span data-testid="result-owner">{name ?? '—'}</span> },
  { title: '状态', dataIndex: 'statusLabels', render: (labels: string[]) => <StatusTags labels={labels} /> },
  { title: '登记部门', dataIndex: 'departmentName' },
  { title: '注册日期', dataIndex: 'registeredAt', render: formatDateTime },
];

/** 单项查询 (E9): one exact key — plate, 整车编码, motor number, owner's ID or phone — to the vehicles it finds, with their Excel export. */
export default function VehicleQueryPage() {
  const [key, setKey] = useState<SearchKey>('plate');
  const [query, setQuery] = useState<VehicleSearchQuery | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const search = useVehicleSearch(query);

  const submit = (text: string) => {
    const parsed = VehicleSearchQuerySchema.safeParse({ [key]: text });
    if (!parsed.success) {
      setInputError(parsed.error.issues[0]?.message ?? '请输入查询内容');
      return;
    }
    setInputError(null);
    setQuery(parsed.data);
  };

  return (
    <Card title="单项查询" extra={query && <ExportButton path="/api/ebike/vehicles/export" filters={{ ...query }} testId="query-export" />}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space.Compact style={{ maxWidth: 640, width: '100%' }}>
          <Select value={key} onChange={setKey} options={SEARCH_KEYS} style={{ width: 150 }} data-testid="query-key" />
          <Input.Search
            placeholder="精确匹配，如 沪A123456"
            enterButton="查询"
            allowClear
            status={inputError ? 'error' : undefined}
            onSearch={submit}
            loading={search.isFetching}
            data-testid="query-text"
          />
        </Space.Compact>
        {inputError && (
          <Typography.Text type="danger" data-testid="query-error">
            {inputError}
          </Typography.Text>
        )}
        {search.isError && <Typography.Text type="danger">{errorText(search.error)}</Typography.Text>}
        {query && (
          <Table
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={search.data ?? []}
            loading={search.isFetching}
            pagination={false}
            locale={{ emptyText: '未找到车辆' }}
            data-testid="query-results"
          />
        )}
      </Space>
    </Card>
  );
}
