import { render } from '@testing-library/react';
import { Form, type FormInstance, Input } from 'antd';
import type { ReactNode } from 'react';

type Item = { name: string; label: string; control?: ReactNode };

function TestForm({ items, onForm }: { items: Item[]; onForm: (form: FormInstance) => void }) {
  const [form] = Form.useForm();
  onForm(form);
  return (
    <Form form={form}>
      {items.map((item) => (
        <Form.Item key={item.name} name={item.name} label={item.label}>
          {item.control ?? <Input />}
        </Form.Item>
      ))}
    </Form>
  );
}

/** Renders an antd form with these items (a text input unless another control is given) and returns its instance. */
export function renderForm(items: Item[]): FormInstance {
  let instance: FormInstance | undefined;
  render(
    <TestForm
      items={items}
      onForm={(form) => {
        instance = form;
      }}
    />,
  );
  if (!instance) throw new Error('form not rendered');
  return instance;
}
