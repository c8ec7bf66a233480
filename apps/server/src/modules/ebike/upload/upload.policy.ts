import { EBIKE_P } from '@shtp/core/ebike';
import { type ActionDecision, permitted } from '@shtp/core/platform';

/** Only a failed upload is sent again (a resend of any other would race the job or repeat a done one): null if it may be. */
export const resendRefusal = (uploadStatus: string): string | null => (uploadStatus === 'failed' ? null : '只有上传失败的业务可以重新上传');

/** What the caller may do to an upload in 上传监控. */
export const uploadActions = (permissions: ReadonlySet<string>, uploadStatus: string): { resend: ActionDecision } => ({
  resend: permitted(permissions, [EBIKE_P.uploadResend], () => resendRefusal(uploadStatus)),
});
