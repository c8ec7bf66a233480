import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, List, Modal, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useErrorReporter } from '../../forms/server-errors';
import { type ArchivePage, archiveKeys, docLabel } from './archive-api';

/** 调整页序 (A5): the current pages moved up or down, saved with a reason as a new version of the archive. */
export function ReorderPages({ archiveId, pages }: { archiveId: number; pages: ArchivePage[] }) {
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const client = useQueryClient();
  const [order, setOrder] = useState<ArchivePage[] | null>(null);
  const [reason, setReason] = useState('');
  const move = (i: number, by: -1 | 1) =>
    setOrder((o) => {
      if (!o) return o;
      const next = [...o];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  const save = useMutation({
    mutationFn: () => api.put(`/api/archive/archives/${archiveId}/order`, { pageIds: order!.map((p) => p.id), reason: reason.trim() }),
    onSuccess: () => {
      message.success('页序已调整');
      setOrder(null);
      setReason('');
      void client.invalidateQueries({ queryKey: archiveKeys.one(archiveId) });
    },
    onError: reportError,
  });
  return (
    <>
      <Button size="small" onClick={() => setOrder(pages)} disabled={pages.length < 2} data-testid="reorder-open">
        调整页序
      </Button>
      <Modal
        open={order !== null}
        title="调整页序"
        onCancel={() => setOrder(null)}
        onOk={() => save.mutate()}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: save.isPending }}
      >
        <List
          size="small"
          dataSource={order ?? []}
          renderItem={(p, i) => (
            <List.Item
              actions={[
                <Button key="up" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label="上移" />,
                <Button
                  key="down"
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={i === (order?.length ?? 0) - 1}
                  onClick={() => move(i, 1)}
                  aria-label="下移"
                />,
              ]}
            >
              <Space>
                {i + 1}. {docLabel(p.docType)}
              </Space>
            </List.Item>
          )}
        />
        <Input placeholder="原因（必填）" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid="reorder-reason" />
      </Modal>
    </>
  );
}
