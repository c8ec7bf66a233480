import type { RecognitionCheck } from '@shtp/core/recognition';
import { Progress, Table, Tag, Typography } from 'antd';
import { CHECK_TAG, type FieldRow, sortChecks } from './recognition-view';

/** Recognised fields with confidence and source line. */
export function FieldsTable({ rows }: { rows: FieldRow[] }) {
  return (
    <Table<FieldRow>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '字段', dataIndex: 'label', width: 200 },
        { title: '识别值', dataIndex: 'value', render: (v: string | null) => v ?? <Typography.Text type="secondary">未识别</Typography.Text> },
        {
          title: '置信度',
          dataIndex: 'confidence',
          width: 160,
          render: (c: number, r) => (r.value === null ? null : <Progress percent={c} size="small" status={c < 80 ? 'exception' : 'normal'} />),
        },
        { title: '来源文字', dataIndex: 'source', width: 260, render: (s: string | null) => <Typography.Text type="secondary">{s}</Typography.Text> },
      ]}
    />
  );
}

/** Checks, failed ones first, each with its Chinese message. */
export function ChecksTable({ checks }: { checks: RecognitionCheck[] }) {
  return (
    <Table<RecognitionCheck>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={sortChecks(checks)}
      columns={[
        { title: '检查项', dataIndex: 'name', width: 240 },
        { title: '结果', dataIndex: 'result', width: 90, render: (r: RecognitionCheck['result']) => <Tag color={CHECK_TAG[r].color}>{CHECK_TAG[r].text}</Tag> },
        { title: '说明', dataIndex: 'message' },
      ]}
    />
  );
}
