import type { RoutingSchema } from '@shtp/core/roadworks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Modal, Select, Table } from 'antd';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useErrorReporter } from '../../forms/server-errors';
import { districtName } from './roadworks-labels';

type Routing = z.infer<typeof RoutingSchema>;
const KEY = ['roadworks', 'routing'];

/** 各区承办部门: the department that receives a district's 一网通办 cases (none: the city inbox). Saved on each change. */
export function RoutingModal({ onClose }: { onClose: () => void }) {
  const routing = useQuery({ queryKey: KEY, queryFn: () => api.get<Routing>('/api/roadworks/routing') });
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const save = useMutation({
    mutationFn: ({ district, departmentId }: { district: string; departmentId: number | null }) =>
      api.put<Routing>('/api/roadworks/routing', { districtCode: district, departmentId }),
    onSuccess: (next) => {
      queryClient.setQueryData(KEY, next);
      message.success('已保存');
    },
    onError: (e) => reportError(e),
  });
  const options = (routing.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }));
  return (
    <Modal open title="各区办件承办部门" footer={null} onCancel={onClose} width={640}>
      <Table
        rowKey="districtCode"
        size="small"
        pagination={false}
        loading={routing.isPending}
        dataSource={routing.data?.districts}
        columns={[
          { title: '区', dataIndex: 'districtCode', width: 120, render: (d: string) => districtName(d) },
          {
            title: '承办部门（未设置：进入市级收件箱）',
            key: 'department',
            render: (_, d) => (
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: '100%' }}
                placeholder="市级收件箱"
                data-testid={`routing-${d.districtCode}`}
                value={d.departmentId ?? undefined}
                options={options}
                disabled={save.isPending}
                onChange={(departmentId?: number) => save.mutate({ district: d.districtCode, departmentId: departmentId ?? null })}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
