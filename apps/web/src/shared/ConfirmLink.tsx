import { Button, Popconfirm } from 'antd';
import type { ReactNode } from 'react';

interface ConfirmLinkProps {
  /** The question, e.g. 确定删除角色「…」？ */
  title: string;
  description?: ReactNode;
  onConfirm: () => void;
  /** The confirm button's text, e.g. 停用; the default is antd's 确定. */
  okText?: string;
  /** The button's text; 删除 unless told. */
  children?: ReactNode;
  /** Red, as for removing; off for actions that undo nothing (重置密码). */
  danger?: boolean;
  loading?: boolean;
  testId?: string;
}

/** A link button of a table's 操作 column that asks before it acts (删除, 取消, 重置密码 …). */
export function ConfirmLink({ title, description, onConfirm, okText, children = '删除', danger = true, loading, testId }: ConfirmLinkProps) {
  return (
    <Popconfirm title={title} description={description} onConfirm={onConfirm} okText={okText}>
      <Button type="link" size="small" danger={danger} loading={loading} data-testid={testId}>
        {children}
      </Button>
    </Popconfirm>
  );
}
