import { Button, Form, type FormInstance, Space } from 'antd';

/** The 查询 / 重置 buttons closing a filter form: 重置 clears the form and searches with no filter. */
export function FilterActions({ form, onReset, searchTestId }: { form: FormInstance; onReset: () => void; searchTestId: string }) {
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid={searchTestId}>
          查询
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onReset();
          }}
        >
          重置
        </Button>
      </Space>
    </Form.Item>
  );
}
