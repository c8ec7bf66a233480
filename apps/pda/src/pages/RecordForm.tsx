import { Button, Form } from 'antd-mobile';
import type { ReactNode } from 'react';

/** A record page's form: fields one under the other, one large submit button at the bottom (gloves, sunlight). */
export function RecordForm(props: {
  form: ReturnType<typeof Form.useForm>[0];
  submit: string;
  onSubmit: () => Promise<void>;
  initialValues?: Record<string, unknown>;
  children: ReactNode;
}) {
  return (
    <Form
      form={props.form}
      layout="vertical"
      initialValues={props.initialValues}
      footer={
        <Button block color="primary" size="large" onClick={() => void props.onSubmit()}>
          {props.submit}
        </Button>
      }
    >
      {props.children}
    </Form>
  );
}
