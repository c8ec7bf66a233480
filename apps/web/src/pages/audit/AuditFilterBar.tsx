import { DatePicker, Form, Input, Select } from 'antd';
import { FilterActions } from '../../shared/FilterActions';
import { useAuditActions } from './audit-actions';
import type { AuditFilterForm } from './audit-filters';

const RESULT_OPTIONS = [
  { value: 'success', label: '成功' },
  { value: 'failure', label: '失败' },
];

export function AuditFilterBar({ onSearch }: { onSearch: (filters: AuditFilterForm) => void }) {
  const [form] = Form.useForm<AuditFilterForm>();
  const actions = useAuditActions();
  return (
    <Form form={form} layout="inline" className="toolbar audit-filters" onFinish={onSearch}>
      <Form.Item name="range" label="时间">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item name="username" label="用户名">
        <Input allowClear className="filter-input" data-testid="audit-username" />
      </Form.Item>
      <Form.Item name="action" label="操作">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'search' }}
          options={actions.options}
          popupMatchSelectWidth={false}
          className="filter-select"
          placeholder="全部操作"
          data-testid="audit-action"
        />
      </Form.Item>
      <Form.Item name="targetType" label="对象类型">
        <Input allowClear className="filter-input" />
      </Form.Item>
      <Form.Item name="targetId" label="对象ID">
        <Input allowClear className="filter-input" />
      </Form.Item>
      <Form.Item name="result" label="结果">
        <Select allowClear options={RESULT_OPTIONS} className="status-filter" placeholder="全部" />
      </Form.Item>
      <FilterActions form={form} onReset={() => onSearch({})} searchTestId="audit-search" />
    </Form>
  );
}
