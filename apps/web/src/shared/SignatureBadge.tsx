import type { SignatureBatch, SignatureVerification } from '@shtp/core/platform';
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
  return <SignatureTag pending={check.isPending} error={check.error?.message} verification={check.data} />;
}

/**
 * The signatures of several records of one type (a vehicle's history) verified in one request — one audit record
 * for the page, not one per row. Cached under the type, so that invalidating ['signatures', type] refreshes it.
 */
export function useSignatureBatch(type: string, ids: readonly string[]) {
  return useQuery({
    queryKey: ['signatures', type, 'batch', ...ids],
    queryFn: () => api.post<SignatureBatch>(`/api/signatures/${encodeURIComponent(type)}/verify`, { ids }),
    enabled: ids.length > 0,
  });
}

/** The tag of one signature state: 校验中, 签名无法校验 (with the reason), 签名无效 or 签名有效 (with key, signer, time). */
export function SignatureTag({ pending, error, verification }: { pending: boolean; error?: string; verification?: SignatureVerification | null }) {
  if (pending) return <Tag data-testid="signature-badge">校验中</Tag>;
  if (error !== undefined || !verification) {
    return (
      <Tooltip title={error ?? '记录不存在或不在您的数据范围内'}>
        <Tag color="default" data-testid="signature-badge">
          签名无法校验
        </Tag>
      </Tooltip>
    );
  }
  const s = verification;
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
