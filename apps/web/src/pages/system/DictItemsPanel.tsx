import { PlusOutlined } from '@ant-design/icons';
import type { DictItem, DictItemBody, DictType } from '@shtp/core/platform';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';
import { useErrorReporter } from '../../forms/server-errors';
import { ConfirmLink } from '../../shared/ConfirmLink';
import { DictItemFormModal } from './DictItemFormModal';

type Dialog = { item?: DictItem };

function bodyOf(item: DictItem): DictItemBody {
  return { value: item.value, label: item.label, sort: item.sort, enabled: item.enabled };
}

/** The items of one dictionary type, sorted as the server returns them. */
export function DictItemsPanel({ type, editable }: { type: DictType; editable: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const items = useQuery({
    queryKey: [...queryKeys.dictItems, type.code],
    queryFn: () => api.get<DictItem[]>(`/api/system/dict/types/${encodeURIComponent(type.code)}/items`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.dictItems });

  const toggle = useMutation({
    mutationFn: (item: DictItem) => api.put<DictItem>(`/api/system/dict/items/${item.id}`, { ...bodyOf(item), enabled: !item.enabled }),
    onSuccess: refresh,
    onError: (error) => reportError(error),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/system/dict/items/${id}`),
    onSuccess: () => {
      message.success('字典项已删除');
      refresh();
    },
    onError: (error) => reportError(error),
  });

  const columns: TableColumnsType<DictItem> = [
    { title: '字典值', dataIndex: 'value' },
    { title: '显示名称', dataIndex: 'label' },
    { title: '排序', dataIndex: 'sort' },
    {
      title: '启用',
      dataIndex: 'enabled',
      render: (enabled: boolean, item) => (
        <Switch
          size="small"
          checked={enabled}
          disabled={!editable}
          loading={toggle.isPending && toggle.variables?.id === item.id}
          onChange={() => toggle.mutate(item)}
        />
      ),
    },
  ];
  if (editable) {
    columns.push({
      title: '操作',
      key: 'actions',
      render: (_, item) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ item })}>
            编辑
          </Button>
          <ConfirmLink title={`确定删除字典项「${item.label}」？`} onConfirm={() => remove.mutate(item.id)} />
        </Space>
      ),
    });
  }

  const nextSort = Math.max(0, ...(items.data ?? []).map((item) => item.sort + 1));
  return (
    <Card
      title={`${type.name}（${type.code}）`}
      extra={
        editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({})} data-testid="dict-item-create">
            新增字典项
          </Button>
        )
      }
    >
      {type.description && <p>{type.description}</p>}
      <Table rowKey="id" columns={columns} dataSource={items.data} loading={items.isFetching} pagination={false} />
      {dialog && <DictItemFormModal typeCode={type.code} item={dialog.item} nextSort={nextSort} onClose={() => setDialog(null)} />}
    </Card>
  );
}
