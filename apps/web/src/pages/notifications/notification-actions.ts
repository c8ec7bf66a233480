import type { Notification } from '@shtp/core/platform';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';

/** Every query of the user's notifications starts with this key (the bell's list, the 消息通知 page). */
export const NOTIFICATIONS_KEY = ['notifications'] as const;

/**
 * Mark one read, mark all read, and open one (mark it read and go to its page): shared by the header bell and the
 * 消息通知 page, each refreshing both.
 */
export function useNotificationActions() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const read = useMutation({ mutationFn: (id: number) => api.post<Notification>(`/api/notifications/${id}/read`), onSuccess: refresh });
  const readAll = useMutation({ mutationFn: () => api.post('/api/notifications/read-all'), onSuccess: refresh });
  const open = (n: Notification) => {
    if (!n.readAt) read.mutate(n.id);
    if (n.link) navigate(n.link);
  };
  return { read, readAll, open };
}
