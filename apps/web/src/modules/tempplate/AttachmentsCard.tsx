import type { OrderAttachment, WarningDetail } from '@shtp/core/tempplate';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Typography, Upload } from 'antd';
import { api } from '../../api/client';
import { formatDateTime } from '../../shared/format';
import { tempplateKeys } from './tempplate-queries';

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

/**
 * 初核附件 (T23): the files attached to the order, each a download (the server records every view); the department that
 * first-checks the order may add files while the check is open (the same allowed action as the check).
 */
export function AttachmentsCard({ w }: { w: WarningDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('files', file);
      return api.postForm<OrderAttachment[]>(`/api/tempplate/warnings/${w.id}/attachments`, form);
    },
    onSuccess: () => {
      message.success('附件已上传');
      queryClient.invalidateQueries({ queryKey: tempplateKeys.warning(w.id) });
    },
    onError: (error) => message.error(error.message),
  });
  if (w.attachments.length === 0 && !w.actions.firstCheck.allowed) return null;
  return (
    <Card
      size="small"
      title="初核附件"
      extra={
        w.actions.firstCheck.allowed && (
          <Upload
            accept=".jpg,.jpeg,.png,.tif,.tiff,.pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button loading={upload.isPending} data-testid="attach-file">
              上传附件
            </Button>
          </Upload>
        )
      }
    >
      <List
        size="small"
        dataSource={w.attachments}
        locale={{ emptyText: '暂无附件（现场照片、询问笔录扫描件等，JPEG、PNG、TIFF、PDF）' }}
        data-testid="attachments"
        renderItem={(a) => (
          <List.Item>
            <Typography.Link href={`/api/tempplate/warnings/${w.id}/attachments/${a.id}`} target="_blank">
              {a.filename}
            </Typography.Link>
            <Typography.Text type="secondary">{`${kb(a.size)} · ${a.by} · ${formatDateTime(a.at)}`}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
