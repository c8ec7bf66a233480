import type { SignatureVerification } from '@shtp/core/platform';
import { useQuery } from '@tanstack/react-query';
import { Tag, Tooltip } from 'antd';
import { api } from '../api/client';
import { formatDateTime } from './format';

/** Cache key of a record's verification; invalidate it after the record changes. */
export const signatureQueryKey = (type: string, id: string | number) => ['signatures', type, String(id)];

/**
 * The C5 signature state of one important record, verified by the server against the record as stored
 * now: 签名有效 (with key version, signer and time), 签名无效 (changed outside the system) or 校验中.
 */
export function SignatureBadge({ type, id }: { type: string; id: string | number }) {
  const check = useQuery({
    queryKey: signatureQueryKey(type, id),
    queryFn: () => api.get<SignatureVerification>(`/api/signatures/${encodeURIComponent(type)}/${encodeURIComponent(String(id))}`),
  });
  if (check.isPending) return <Tag data-testid="signature-badge">校验中</Tag>;
  if (check.isError) {
    return (
      <Tooltip title={check.error.message}>
        <Tag color="default" data-testid="signature-badge">
          签名无法校验
        </Tag>
      </Tooltip>
    );
  }
  const s = check.data;
  if (!s.valid) {
    return (
      <Tooltip title={`记录内容与签名（密钥版本 v${s.keyVersion}）不符，请核查`}>
        <Tag color="red" data-testid="signature-badge">
          签名无效·记录可能被篡改
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={`${s.algorithm} · 密钥 ${s.signerKeyId}（版本 v${s.keyVersion}）· 签名人 ${s.signedBy ?? '系统'} · ${formatDateTime(s.signedAt)}`}>
      <Tag color="green" data-testid="signature-badge">
        签名有效
      </Tag>
    </Tooltip>
  );
}
