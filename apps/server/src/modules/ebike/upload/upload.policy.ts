import { EBIKE_P } from '@shtp/core/ebike';
import { type ActionDecision, permitted } from '@shtp/core/platform';

/**
 * Only a failed or rejected upload is sent again (a resend of any other would race the job or repeat a done one; a
 * rejection about the vehicle's state may pass once the far side's state has moved): null if it may be.
 */
export const resendRefusal = (uploadStatus: string): string | null =>
  uploadStatus === 'failed' || uploadStatus === 'rejected' ? null : '只有上传失败或被退回的业务可以重新上传';

/** A rejected business is repaired through an 更正 of it (its items corrected): null if this one may be. */
export const repairRefusal = (uploadStatus: string): string | null => (uploadStatus === 'rejected' ? null : '只有被六合一退回的业务需要更正重报');

/** What the caller may do to an upload in 上传监控. */
export const uploadActions = (permissions: ReadonlySet<string>, uploadStatus: string): { resend: ActionDecision; repair: ActionDecision } => ({
  resend: permitted(permissions, [EBIKE_P.uploadResend], () => resendRefusal(uploadStatus)),
  repair: permitted(permissions, [EBIKE_P.correct], () => repairRefusal(uploadStatus)),
});
