import { type BusinessEntry, UPLOAD_STATUS } from '@shtp/core/ebike';
import { Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../shared/format';
import { codeLabel, UPLOAD_COLOURS } from './code-labels';

/** The upload state (待上传 … 等待前序业务, 已更正重报), with the far side's reason, receipt or what it waits for in a tooltip. */
export function UploadStatusTag({ upload }: { upload: BusinessEntry['upload'] }) {
  const tag = (
    <Tag color={UPLOAD_COLOURS[upload.status]} data-testid="upload-status">
      {codeLabel(UPLOAD_STATUS, upload.status)}
    </Tag>
  );
  const tip =
    upload.status === 'failed' || upload.status === 'rejected'
      ? `${upload.error ?? '原因未知'}（已尝试 ${upload.attempts} 次）`
      : upload.status === 'waiting' || upload.status === 'repaired'
        ? upload.error
        : upload.status === 'done'
          ? `六合一回执 ${upload.remoteId ?? '—'} · ${formatDateTime(upload.uploadedAt)}`
          : upload.attempts > 0
            ? `已尝试 ${upload.attempts} 次${upload.error ? `，上次：${upload.error}` : ''}`
            : null;
  return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
}
