import { type BusinessEntry, UPLOAD_STATUS } from '@shtp/core/ebike';
import { Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../shared/format';
import { codeLabel, UPLOAD_COLOURS } from './code-labels';

/** 待上传 / 上传中 / 已上传 / 失败, with the far side's reason or receipt in a tooltip. */
export function UploadStatusTag({ upload }: { upload: BusinessEntry['upload'] }) {
  const tag = (
    <Tag color={UPLOAD_COLOURS[upload.status]} data-testid="upload-status">
      {codeLabel(UPLOAD_STATUS, upload.status)}
    </Tag>
  );
  const tip =
    upload.status === 'failed'
      ? `${upload.error ?? '原因未知'}（已尝试 ${upload.attempts} 次）`
      : upload.status === 'done'
        ? `六合一回执 ${upload.remoteId ?? '—'} · ${formatDateTime(upload.uploadedAt)}`
        : upload.attempts > 0
          ? `已尝试 ${upload.attempts} 次${upload.error ? `，上次：${upload.error}` : ''}`
          : null;
  return tip ? <Tooltip title={tip}>{tag}</Tooltip> : tag;
}
