import type { StaffPasswordIssued, StaffPasswordStatus } from '@shtp/core/exchange';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { formatDateTime } from '../../shared/format';
import { InitialPasswordModal } from '../../shared/InitialPasswordModal';

const KEY = ['exchange', 'staff-password'];

/**
 * 工作台 card (police zone) for an officer whose roles are recognised in the internet zone: asks for that zone's
 * initial password, shown once. Nothing is shown to anyone else.
 */
export function StaffPasswordWidget() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const status = useQuery({ queryKey: KEY, queryFn: () => api.get<StaffPasswordStatus>('/api/exchange/staff-password') });
  const [issued, setIssued] = useState<StaffPasswordIssued | null>(null);
  const issue = useMutation({
    mutationFn: () => api.post<StaffPasswordIssued>('/api/exchange/staff-password'),
    onSuccess: (answer) => {
      setIssued(answer);
      void client.invalidateQueries({ queryKey: KEY });
    },
    onError: (err: Error) => message.error(err.message),
  });
  const s = status.data;
  if (!s?.eligible) return null;
  const ask = (
    <Button type="primary" loading={issue.isPending} data-testid="staff-password-issue" onClick={s.issuedAt ? undefined : () => issue.mutate()}>
      申请初始密码
    </Button>
  );
  return (
    <Card title="互联网区账户" size="small" data-testid="staff-password">
      <Typography.Paragraph>
        {`您的角色已互认到互联网区（政务服务后台）。申请的初始密码经下一次数据交换送达后生效，在互联网区首次登录时须修改密码；申请后 ${s.crossingHours} 小时内未送达的不再发出。`}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{s.issuedAt ? `上次申请：${formatDateTime(s.issuedAt)}` : '尚未申请'}</Typography.Paragraph>
      {s.issuedAt ? (
        <Popconfirm title="重新申请将替换此前申请的初始密码，确定？" okText="重新申请" cancelText="取消" onConfirm={() => issue.mutate()}>
          {ask}
        </Popconfirm>
      ) : (
        ask
      )}
      {issued && (
        <InitialPasswordModal
          username={issued.username}
          password={issued.password}
          notice="初始密码仅显示这一次，关闭后无法再次查看。请立即记下；数据交换送达后，用它登录互联网区并按提示修改密码。"
          onClose={() => setIssued(null)}
        />
      )}
    </Card>
  );
}
