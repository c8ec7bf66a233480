import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api } from '../../api/client';
import { ebikeKeys } from '../../api/ebike-queries';
import { useErrorReporter } from '../../forms/server-errors';

/**
 * 重新上传 of a failed or rejected business (上传监控, 每日对账, the vehicle page): the server decides whether it may be;
 * the uploads and the vehicle are read again afterwards.
 */
export function useResend() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  return useMutation({
    mutationFn: (businessId: number) => api.post<void>(`/api/ebike/uploads/${businessId}/resend`),
    onSuccess: () => {
      message.success('已重新加入上传队列');
      queryClient.invalidateQueries({ queryKey: ebikeKeys.all });
    },
    onError: (error) => reportError(error),
  });
}
