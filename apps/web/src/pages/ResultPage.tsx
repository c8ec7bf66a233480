import { Button, Result, type ResultProps } from 'antd';
import { useNavigate } from 'react-router';

/** A page that cannot be shown (403, 404): why, and 返回工作台. */
export function ResultPage({ status, title, subTitle }: Pick<ResultProps, 'status'> & { title: string; subTitle: string }) {
  const navigate = useNavigate();
  return (
    <Result
      status={status}
      title={title}
      subTitle={subTitle}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回工作台
        </Button>
      }
    />
  );
}
