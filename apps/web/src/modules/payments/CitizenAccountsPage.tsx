import type { CitizenAccount } from '@shtp/core/payments';
import { useQuery } from '@tanstack/react-query';
import { Alert, Input, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { errorText } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';

const columns: TableColumnsType<CitizenAccount> = [
  { title: '本地用户编号', dataIndex: 'id' },
  { title: '身份证号码', dataIndex: 'idNumber' },
  { title: '姓名', dataIndex: 'citizenName', render: (n: string | null) => n ?? '—' },
  { title: '随申办用户标识数', dataIndex: 'identities' },
  { title: '最近一次身份断言', dataIndex: 'lastAssertedAt', render: (t: string | null) => (t ? formatDateTime(t) : '—') },
  { title: '建立时间', dataIndex: 'createdAt', render: (t: string) => formatDateTime(t) },
];

/** 互认本地用户 (G5): the local accounts of 随申办 citizens, masked; found by the whole ID number. The server audits every read. */
export default function CitizenAccountsPage() {
  const { page, pageSize, reset, tablePagination } = usePagination();
  const [idNumber, setIdNumber] = useState('');
  const list = useQuery({
    queryKey: ['payments', 'citizen-accounts', { page, pageSize, idNumber }],
    queryFn: () => api.get<Page<CitizenAccount>>('/api/payments/citizen-accounts', { page, pageSize, idNumber }),
    retry: false,
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          placeholder="完整身份证号码"
          allowClear
          enterButton="查询"
          maxLength={18}
          style={{ width: 320 }}
          onSearch={(value) => {
            setIdNumber(value.trim().toUpperCase());
            reset();
          }}
          data-testid="citizen-account-search"
        />
        <span>身份证号码与姓名脱敏显示；按完整号码查找（系统只比对其密钥摘要）；每次查询都记入审计日志。</span>
      </Space>
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} data-testid="citizen-account-error" />}
      <PagedTable rowKey="id" size="small" columns={columns} result={list} pagination={tablePagination} data-testid="citizen-accounts" />
    </Space>
  );
}
