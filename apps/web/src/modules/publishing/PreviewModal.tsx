import { CONTENT_KINDS, CONTENT_STATES, type ContentPreview } from '@shtp/core/publishing';
import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Skeleton, Typography } from 'antd';
import { api } from '../../api/client';
import { formatDateTime } from '../../shared/format';
import { AttachmentList } from './AttachmentsPanel';

/** 预览 (G8): a version as the public will see it in the 一网通办 area, before it is out (never cached, not public). */
export function PreviewModal({ id, onClose }: { id: number; onClose: () => void }) {
  const preview = useQuery({
    queryKey: ['publishing', 'contents', 'preview', id],
    queryFn: () => api.get<ContentPreview>(`/api/publishing/contents/${id}/preview`),
  });
  const c = preview.data;
  return (
    <Modal open title="预览（公开后的样子）" footer={null} onCancel={onClose} width={720}>
      {!c ? (
        <Skeleton active />
      ) : (
        <div data-testid="content-preview">
          {c.state !== 'published' || c.scheduled ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={c.scheduled ? `定时发布：${formatDateTime(c.publishedAt)} 起公开` : `当前为“${CONTENT_STATES[c.state]}”，尚未公开`}
            />
          ) : null}
          <Typography.Title level={4}>{c.title}</Typography.Title>
          <Typography.Text type="secondary">
            {CONTENT_KINDS[c.kind]} · 第 {c.version} 版 · {formatDateTime(c.publishedAt)}
          </Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{c.body}</Typography.Paragraph>
          <AttachmentList contentId={id} items={c.attachments} />
        </div>
      )}
    </Modal>
  );
}
