import type { CitizenAccount, CitizenIdentity } from '@shtp/core/payments';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { errorText } from '../../forms/server-errors';
import { FilterSearch } from '../../shared/FilterSearch';
import { formatDateTime } from '../../shared/format';
import { PagedTable } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';

const identityColumns: TableColumnsType<CitizenIdentity> = [
  { title: '随申办用户标识', dataIndex: 'openid' },
  { title: '备案时间', dataIndex: 'filedAt', render: (t: string) => formatDateTime(t) },
  { title: '最近一次身份断言', dataIndex: 'lastAssertedAt', render: (t: string) => formatDateTime(t) },
];

/** The 随申办 identities of one account (openids masked); opening it is a read the server audits. */
function IdentitiesModal({ account, onClose }: { account: CitizenAccount; onClose: () => void }) {
  const identities = useQuery({
    queryKey: ['payments', 'citizen-accounts', account.id, 'identities'],
    queryFn: () => api.get<{ items: CitizenIdentity[] }>(`/api/payments/citizen-accounts/${account.id}/identities`),
    retry: false,
  });
  return (
    <Modal open title={`本地用户 ${account.id} 的随申办用户标识`} footer={null} onCancel={onClose} width={640}>
      {identities.error && <Alert type="error" showIcon title={errorText(identities.error)} />}
      <PagedTable rowKey="openid" size="small" columns={identityColumns} result={identities} data-testid="citizen-identities" />
    </Modal>
  );
}

const accountColumns = (open: (a: CitizenAccount) => void): TableColumnsType<CitizenAccount> => [
  { title: '本地用户编号', dataIndex: 'id' },
  { title: '身份证号码', dataIndex: 'idNumber' },
  { title: '姓名', dataIndex: 'citizenName', render: (n: string | null) => n ?? '—' },
  { title: '随申办用户标识数', dataIndex: 'identities' },
  { title: '最近一次身份断言', dataIndex: 'lastAssertedAt', render: (t: string | null) => (t ? formatDateTime(t) : '—') },
  { title: '建立时间', dataIndex: 'createdAt', render: (t: string) => formatDateTime(t) },
  {
    title: '操作',
    key: 'identities',
    render: (_, a) => (
      <Button size="small" onClick={() => open(a)} data-testid={`citizen-identities-${a.id}`}>
        用户标识
      </Button>
    ),
  },
];

/** 互认本地用户 (G5): the local accounts of 随申办 citizens, masked; found by the whole ID number. The server audits every read. */
export default function CitizenAccountsPage() {
  const { page, pageSize, reset, tablePagination } = usePagination();
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [shown, setShown] = useState<CitizenAccount | null>(null);
  const list = useQuery({
    queryKey: ['payments', 'citizen-accounts', { page, pageSize, idNumber, name }],
    queryFn: () => api.get<Page<CitizenAccount>>('/api/payments/citizen-accounts', { page, pageSize, idNumber, name }),
    retry: false,
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <FilterSearch
          placeholder="完整身份证号码"
          maxLength={18}
          width={320}
          upperCase
          onSearch={setIdNumber}
          reset={reset}
          data-testid="citizen-account-search"
        />
        <FilterSearch
          placeholder="完整姓名"
          enterButton="按姓名查询"
          maxLength={30}
          width={260}
          onSearch={setName}
          reset={reset}
          data-testid="citizen-account-name-search"
        />
        <span>身份证号码与姓名脱敏显示；按完整号码或完整姓名查找（系统只比对其密钥摘要，不支持部分匹配）；每次查询都记入审计日志。</span>
      </Space>
      {list.error && <Alert type="error" showIcon title={errorText(list.error)} data-testid="citizen-account-error" />}
      <PagedTable rowKey="id" size="small" columns={accountColumns(setShown)} result={list} pagination={tablePagination} data-testid="citizen-accounts" />
      {shown && <IdentitiesModal account={shown} onClose={() => setShown(null)} />}
    </Space>
  );
}
