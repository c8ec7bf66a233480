import type { AddressLock } from '@shtp/core/platform';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Table, type TableColumnsType } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { formatDateTime } from '../../shared/format';

/**
 * Source addresses whose login is paused after repeated failures (a police station's shared exit address locks all
 * its terminals): the security admin sees them and lifts a pause before it runs out.
 */
export function AddressLocksCard() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const locks = useQuery({ queryKey: queryKeys.addressLocks, queryFn: () => api.get<AddressLock[]>('/api/security/address-locks') });
  const lift = useMutation({
    mutationFn: (ip: string) => api.post(`/api/security/address-locks/${encodeURIComponent(ip)}/unlock`),
    onSuccess: (_, ip) => {
      message.success(`已解除 ${ip} 的登录暂停`);
      queryClient.invalidateQueries({ queryKey: queryKeys.addressLocks });
    },
    onError: (error) => reportError(error),
  });
  const columns: TableColumnsType<AddressLock> = [
    { title: '来源地址', dataIndex: 'ip' },
    { title: '失败次数', dataIndex: 'failures' },
    { title: '首次失败', dataIndex: 'windowStart', render: formatDateTime },
    { title: '暂停至', dataIndex: 'lockedUntil', render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, lock) => (
        <ConfirmLink title={`确定解除 ${lock.ip} 的登录暂停？该地址的所有终端将可再次尝试登录。`} onConfirm={() => lift.mutate(lock.ip)}>
          解除暂停
        </ConfirmLink>
      ),
    },
  ];
  return (
    <Card title="暂停登录的地址" className="page-section" extra={<Button onClick={() => locks.refetch()}>刷新</Button>}>
      <Table
        rowKey="ip"
        size="small"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={locks.data}
        loading={locks.isFetching}
        locale={{ emptyText: '没有被暂停登录的地址' }}
        pagination={false}
      />
    </Card>
  );
}
