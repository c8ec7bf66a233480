import type { ContentAttachment } from '@shtp/core/publishing';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, List, Typography, Upload } from 'antd';
import { api } from '../../api/client';

const size = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${Math.round((n / 1024 / 1024) * 10) / 10} MB`);
/** The back office's view of a version's file (any state; the public address serves only the published version's). */
const fileUrl = (contentId: number, digest: string) => `/api/publishing/contents/${contentId}/attachments/${digest}`;

/** 附件 of a version, each opening the file; with `onRemove`, a 删除 button per file (the author's draft). */
export function AttachmentList({
  contentId,
  items,
  onRemove,
  removing,
}: {
  contentId: number;
  items: ContentAttachment[];
  onRemove?: (a: ContentAttachment) => void;
  removing?: boolean;
}) {
  return (
    <List
      size="small"
      header={<Typography.Text strong>附件</Typography.Text>}
      dataSource={items}
      locale={{ emptyText: '暂无附件' }}
      data-testid="content-attachments"
      renderItem={(a) => (
        <List.Item
          actions={
            onRemove
              ? [
                  <Button
                    key="remove"
                    size="small"
                    danger
                    loading={removing}
                    onClick={() => onRemove(a)}
                    data-testid={`attachment-remove-${a.digest.slice(0, 8)}`}
                  >
                    删除
                  </Button>,
                ]
              : []
          }
        >
          <Typography.Link href={fileUrl(contentId, a.digest)} target="_blank">
            {a.filename}
          </Typography.Link>
          <Typography.Text type="secondary">{size(a.size)}</Typography.Text>
        </List.Item>
      )}
    />
  );
}

/**
 * 附件 of the author's draft (G8): upload (PDF, JPEG, PNG; the server checks each file by its content) and delete;
 * the server refuses anyone else and any version no longer a draft.
 */
export function AttachmentsEditor({ contentId }: { contentId: number }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['publishing', 'contents', 'attachments', contentId];
  const list = useQuery({ queryKey: key, queryFn: () => api.get<{ items: ContentAttachment[] }>(`/api/publishing/contents/${contentId}/attachments`) });
  const done = (text: string) => () => {
    message.success(text);
    queryClient.invalidateQueries({ queryKey: key });
  };
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('files', file);
      return api.postForm<{ items: ContentAttachment[] }>(`/api/publishing/contents/${contentId}/attachments`, form);
    },
    onSuccess: done('附件已上传'),
    onError: (error) => message.error(error.message),
  });
  const remove = useMutation({
    mutationFn: (a: ContentAttachment) => api.delete(`/api/publishing/contents/${contentId}/attachments/${a.digest}`),
    onSuccess: done('附件已删除'),
    onError: (error) => message.error(error.message),
  });
  return (
    <div data-testid="content-attachments-editor">
      <Upload
        accept=".pdf,.jpg,.jpeg,.png"
        showUploadList={false}
        beforeUpload={(file) => {
          upload.mutate(file);
          return false;
        }}
      >
        <Button loading={upload.isPending} data-testid="attachment-upload">
          上传附件
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
        PDF、JPEG、PNG，每个不超过 10 MB，每个版本最多 10 个
      </Typography.Text>
      <AttachmentList contentId={contentId} items={list.data?.items ?? []} onRemove={(a) => remove.mutate(a)} removing={remove.isPending} />
    </div>
  );
}
