import { TEMPPLATE_P as TP } from '@shtp/core/tempplate';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { tempplateKeys, useParamSets } from './tempplate-queries';

/** The values of a parameter set, one line per parameter. */
const show = (values: Record<string, unknown>) =>
  Object.entries(values).map(([k, v]) => (
    <div key={k}>
      <Typography.Text code>{k}</Typography.Text> {typeof v === 'object' ? JSON.stringify(v) : String(v)}
    </div>
  ));

/**
 * 监管参数 (T26): the values in force, every version the rules ran under (each warning names its version), and the
 * re-evaluation of a period under the values in force. The values are edited in 系统参数 (module 临牌查验).
 */
export default function ParamVersionsPage() {
  const { message } = App.useApp();
  const can = usePermission();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const sets = useParamSets();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(1, 'month'), dayjs()]);
  const rerun = useMutation({
    mutationFn: () =>
      api.post<{ businesses: number; raised: number }>('/api/tempplate/evaluate', { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }),
    onSuccess: (r) => {
      message.success(`已重新评估 ${r.businesses} 笔业务，新增预警 ${r.raised} 条`);
      queryClient.invalidateQueries({ queryKey: tempplateKeys.all });
    },
    onError: (error) => reportError(error),
  });
  const current = sets.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title="当前监管参数"
        extra={
          <Space>
            {current && (
              <Tag color={current.currentVersion ? 'blue' : 'orange'}>
                {current.currentVersion ? `参数版本 ${current.currentVersion}` : '新参数：下次评估时生成版本'}
              </Tag>
            )}
            <Link to="/system/params">在系统参数中修改</Link>
          </Space>
        }
        data-testid="current-params"
      >
        {current && show(current.current)}
      </Card>
      {can(TP.evaluate) && (
        <Card size="small" title="按当前参数重新评估">
          <Space wrap>
            <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
            <Button type="primary" loading={rerun.isPending} onClick={() => rerun.mutate()} data-testid="reevaluate">
              重新评估
            </Button>
            <Typography.Text type="secondary">期间内发放的临牌按当前参数重跑全部规则；已产生的预警不会重复</Typography.Text>
          </Space>
          {rerun.data && (
            <Descriptions size="small" style={{ marginTop: 12 }} data-testid="reevaluate-result">
              <Descriptions.Item label="评估业务">{rerun.data.businesses}</Descriptions.Item>
              <Descriptions.Item label="新增预警">{rerun.data.raised}</Descriptions.Item>
            </Descriptions>
          )}
        </Card>
      )}
      <Card size="small" title="参数版本（每条预警记录其产生时的版本）">
        <Table
          size="small"
          rowKey="version"
          loading={sets.isPending}
          dataSource={sets.data?.versions ?? []}
          data-testid="param-versions"
          columns={[
            { title: '版本', dataIndex: 'version', width: 80 },
            { title: '首次使用', dataIndex: 'createdAt', width: 180, render: formatDateTime },
            { title: '参数值', dataIndex: 'values', render: show },
          ]}
        />
      </Card>
    </Space>
  );
}
