import type { BusinessEntry } from '@shtp/core';
import { Table, type TableColumnsType, Typography } from 'antd';
import { formatDateTime } from '../../shared/format';
import { SignatureBadge } from '../../shared/SignatureBadge';
import { UploadStatusTag } from './UploadStatusTag';

/** The signed-record type of the server's ledger (verified by 流水号). */
const SIGNED_TYPE = 'ebike-business';

function Changes({ changes }: { changes: BusinessEntry['changes'] }) {
  if (changes.length === 0) return <>—</>;
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {changes.map((c) => (
        <li key={c.item}>
          {c.label}：{c.before ?? '（无）'} → {c.after ?? '（无）'}
        </li>
      ))}
    </ul>
  );
}

const columns: TableColumnsType<BusinessEntry> = [
  { title: '流水号', dataIndex: 'lsh', width: 140, render: (lsh: string) => <Typography.Text copyable>{lsh}</Typography.Text> },
  {
    title: '业务',
    key: 'type',
    width: 130,
    render: (_, b) => (
      <>
        {b.typeLabel}
        {b.correctsLsh && <Typography.Text type="secondary"> 更正 {b.correctsLsh}</Typography.Text>}
      </>
    ),
  },
  { title: '原因', key: 'reason', render: (_, b) => b.reason ?? b.ywyy ?? '—' },
  { title: '变更项', dataIndex: 'changes', render: (changes: BusinessEntry['changes']) => <Changes changes={changes} /> },
  { title: '经办人', dataIndex: 'operator', width: 100 },
  { title: '部门', dataIndex: 'departmentName', width: 150 },
  { title: '时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
  { title: '上传状态', dataIndex: 'upload', width: 100, render: (upload: BusinessEntry['upload']) => <UploadStatusTag upload={upload} /> },
  { title: '签名', dataIndex: 'lsh', key: 'signature', width: 120, render: (lsh: string) => <SignatureBadge type={SIGNED_TYPE} id={lsh} /> },
];

/** The vehicle's businesses, newest first as the server sends them: what changed, who did it, upload and signature. */
export function BusinessHistory({ businesses }: { businesses: BusinessEntry[] }) {
  return <Table rowKey="id" size="small" columns={columns} dataSource={businesses} pagination={false} scroll={{ x: 1200 }} data-testid="business-history" />;
}
