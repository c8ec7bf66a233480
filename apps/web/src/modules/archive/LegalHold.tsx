import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { usePermission } from '../../auth/session';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { AP, type ArchiveDetail, archiveKeys } from './archive-api';

/** 保存期限 and 法律保全 of an archive: the hold set or released with a reason by who may (A5). */
export function LegalHold({ archive }: { archive: ArchiveDetail }) {
  const can = usePermission();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const client = useQueryClient();
  const [reason, setReason] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: () => api.put(`/api/archive/archives/${archive.id}/hold`, { hold: !archive.legalHold, reason: reason?.trim() ?? '' }),
    onSuccess: () => {
      message.success(archive.legalHold ? '已解除法律保全' : '已设置法律保全');
      setReason(null);
      void client.invalidateQueries({ queryKey: archiveKeys.one(archive.id) });
    },
    onError: reportError,
  });
  const expired = new Date(archive.retainUntil).getTime() < Date.now();
  return (
    <Space wrap>
      <Typography.Text>
        保存期限至 {formatDate(archive.retainUntil)}
        {archive.disposedAt
          ? `（已于 ${formatDate(archive.disposedAt)} 处置，批准人 ${archive.disposedByName}；影像不再提供）`
          : expired && '（已到期，可在“到期处置”中申请处置，须另一人审批；系统不自动删除）'}
      </Typography.Text>
      {archive.legalHold ? (
        <Tag color="red" data-testid="legal-hold">
          法律保全：{archive.legalHoldReason}（{archive.legalHoldBy}，{formatDateTime(archive.legalHoldAt)}）
        </Tag>
      ) : null}
      {can(AP.hold) && (
        <Button size="small" onClick={() => setReason('')} data-testid="legal-hold-toggle">
          {archive.legalHold ? '解除保全' : '设置法律保全'}
        </Button>
      )}
      <Modal
        open={reason !== null}
        title={archive.legalHold ? '解除法律保全' : '设置法律保全'}
        onCancel={() => setReason(null)}
        onOk={() => change.mutate()}
        okButtonProps={{ disabled: (reason?.trim().length ?? 0) < 2, loading: change.isPending }}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder="原因（必填，如涉案调取、诉讼）"
          value={reason ?? ''}
          onChange={(e) => setReason(e.target.value)}
          data-testid="legal-hold-reason"
        />
      </Modal>
    </Space>
  );
}
