import { BUSINESS_REASON_CODES, type BusinessEntry } from '@shtp/core/ebike';
import { Space, Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../shared/format';
import { SignatureTag, useSignatureBatch } from '../../shared/SignatureBadge';
import type { VehicleArchive } from './ArchiveCompleteness';
import { codeLabel } from './code-labels';
import { UploadStatusTag } from './UploadStatusTag';

/** The signed-record type of the server's ledger (verified by 流水号). */
const SIGNED_TYPE = 'ebike-business';

/** The ledger writes state flags (失窃, 锁定, 注销) as true/false. */
const shown = (value: string | null) => (value === null ? '（无）' : value === 'true' ? '是' : value === 'false' ? '否' : value);

/** Longer lists (a registration sets every item) start folded, so the history stays readable. */
const FOLD_ABOVE = 4;

function Changes({ changes }: { changes: BusinessEntry['changes'] }) {
  const [open, setOpen] = useState(false);
  if (changes.length === 0) return <>—</>;
  if (changes.length > FOLD_ABOVE && !open) {
    return <Typography.Link onClick={() => setOpen(true)}>共 {changes.length} 项（展开）</Typography.Link>;
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {changes.map((c) => (
        <li key={c.item}>
          {c.label}：{shown(c.before)} → {shown(c.after)}
        </li>
      ))}
    </ul>
  );
}

/** What the history offers on an upload: the repair of a rejected business, the resend of those the server allows. */
interface UploadActions {
  onRepair?: ((businessId: number) => void) | undefined;
  resendable?: readonly number[] | undefined;
  onResend?: ((businessId: number) => void) | undefined;
  /** Opens the printable 受理回执 of a business. */
  onReceipt?: ((lsh: string) => void) | undefined;
  /** The businesses' 影像档案 (A8), each opened from its row. */
  archives?: readonly Pick<VehicleArchive, 'id' | 'lsh' | 'complete'>[] | undefined;
}

const columnsWith = (
  signature: (lsh: string) => ReactNode,
  { onRepair, resendable, onResend, onReceipt, archives }: UploadActions,
): TableColumnsType<BusinessEntry> => [
  { title: '流水号', dataIndex: 'lsh', width: 150, render: (lsh: string) => <Typography.Text copyable>{lsh}</Typography.Text> },
  {
    title: '业务',
    key: 'type',
    width: 100,
    render: (_, b) => (
      <Space orientation="vertical" size={0}>
        <span>{b.typeLabel}</span>
        {b.correctsLsh && <Typography.Text type="secondary">更正 {b.correctsLsh}</Typography.Text>}
        {onReceipt && (
          <Typography.Link className="no-print" onClick={() => onReceipt(b.lsh)} data-testid={`receipt-${b.lsh}`}>
            受理回执
          </Typography.Link>
        )}
        {archives
          ?.filter((a) => a.lsh === b.lsh)
          .map((a) => (
            <Link key={a.id} className="no-print" to={`/archive/archives/${a.id}`} data-testid={`history-archive-${b.lsh}`}>
              影像档案（{a.complete ? '已齐全' : '未齐全'}）
            </Link>
          ))}
      </Space>
    ),
  },
  // A 业务原因 code goes with its name (DC 变更车身颜色), never alone.
  { title: '原因', key: 'reason', render: (_, b) => b.reason ?? (b.ywyy ? `${b.ywyy} ${codeLabel(BUSINESS_REASON_CODES, b.ywyy)}` : '—') },
  { title: '变更项', dataIndex: 'changes', render: (changes: BusinessEntry['changes']) => <Changes changes={changes} /> },
  { title: '经办人', dataIndex: 'operator', width: 100 },
  { title: '部门', dataIndex: 'departmentName', width: 130 },
  { title: '时间', dataIndex: 'createdAt', width: 110, render: formatDateTime },
  {
    title: '上传状态',
    key: 'upload',
    width: 110,
    render: (_, b) => (
      <Space orientation="vertical" size={2}>
        <UploadStatusTag upload={b.upload} />
        {/* A rejected business is repaired through 更正 (the 更正 goes up in its place). */}
        {b.upload.status === 'rejected' && onRepair && (
          <Typography.Link onClick={() => onRepair(b.id)} data-testid={`repair-${b.id}`}>
            更正重报
          </Typography.Link>
        )}
        {/* A rejection whose cause is no registration item (e.g. the far side's vehicle state): resent once dealt with. */}
        {onResend && resendable?.includes(b.id) && (
          <Typography.Link onClick={() => onResend(b.id)} data-testid={`resend-${b.id}`}>
            重新上传
          </Typography.Link>
        )}
      </Space>
    ),
  },
  { title: '签名', dataIndex: 'lsh', key: 'signature', width: 120, render: signature },
];

/**
 * The vehicle's businesses, newest first as the server sends them: what changed, who did it, upload and signature; a
 * rejected one offers its repair (`onRepair`, when the user may do an 更正), a failed or rejected one its resend
 * (`resendable`, as the server decides it).
 */
export function BusinessHistory({ businesses, ...actions }: { businesses: BusinessEntry[] } & UploadActions) {
  const check = useSignatureBatch(
    SIGNED_TYPE,
    businesses.map((b) => b.lsh),
  );
  const signature = (lsh: string) => <SignatureTag pending={check.isPending} error={check.error?.message} verification={check.data?.[lsh]} />;
  return <Table rowKey="id" size="small" columns={columnsWith(signature, actions)} dataSource={businesses} pagination={false} data-testid="business-history" />;
}
