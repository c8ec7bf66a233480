import { Form, InputNumber, Switch } from 'antd';

/** 排序 of a code-table record (departments, dictionary items): a whole number the schema checks. */
export function SortItem() {
  return (
    <Form.Item name="sort" label="排序">
      {/* No precision: a fraction is refused with the schema's message instead of being rounded. */}
      <InputNumber />
    </Form.Item>
  );
}

/** 启用 of a code-table record, as a switch. */
export function EnabledItem() {
  return (
    <Form.Item name="enabled" label="启用" valuePropName="checked">
      <Switch />
    </Form.Item>
  );
}
