import type { Param } from '@shtp/core/platform';
import { Input, InputNumber, Select, Space, Switch, TimePicker } from 'antd';
import { asTimeWindowForm, constraintsOf, TIME_FORMAT, type TimeWindowFormValue } from './param-values';

interface InputProps<T> {
  value?: T;
  onChange?: (value: T) => void;
}

function TimeWindowInput({ value, onChange }: InputProps<TimeWindowFormValue>) {
  return (
    <Space>
      <TimePicker format={TIME_FORMAT} placeholder="开始时间" value={value?.start} onChange={(start) => onChange?.({ ...value, start })} />
      至
      <TimePicker format={TIME_FORMAT} placeholder="结束时间" value={value?.end} onChange={(end) => onChange?.({ ...value, end })} />
    </Space>
  );
}

/** The editor that fits a parameter's type; antd's Form.Item passes `value` and `onChange`. */
export function ParamValueInput({ param, value, onChange }: InputProps<unknown> & { param: Param }) {
  const { unit, options } = constraintsOf(param);
  switch (param.type) {
    case 'number':
    case 'duration':
      return <InputNumber suffix={unit} value={typeof value === 'number' ? value : null} onChange={(next) => onChange?.(next)} data-testid="param-value" />;
    case 'boolean':
      return <Switch checked={value === true} onChange={(next) => onChange?.(next)} checkedChildren="是" unCheckedChildren="否" />;
    case 'enum':
      return <Select className="param-select" options={options} value={value} onChange={(next) => onChange?.(next)} />;
    case 'list':
      return (
        <Select
          mode="tags"
          className="param-select"
          tokenSeparators={[',', '，']}
          placeholder="输入后回车添加"
          value={Array.isArray(value) ? value : []}
          onChange={(next) => onChange?.(next)}
          open={false}
        />
      );
    case 'time_window':
      return <TimeWindowInput value={asTimeWindowForm(value)} onChange={onChange} />;
    case 'string':
      return <Input value={typeof value === 'string' ? value : ''} onChange={(event) => onChange?.(event.target.value)} data-testid="param-value" />;
  }
}
