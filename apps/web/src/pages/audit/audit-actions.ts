import type { AuditActionGroup } from '@shtp/core/platform';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { queryKeys } from '../../api/system-queries';

/** The 操作 filter's options: one group per module, each action by its name (the code searchable too). */
export function actionOptions(groups: readonly AuditActionGroup[]) {
  return groups.map((g) => ({
    label: g.label,
    title: g.label,
    options: Object.entries(g.actions).map(([value, label]) => ({ value, label, search: `${label} ${value}` })),
  }));
}

/** The server's audit action catalogue (platform and modules): names and grouped filter options. */
export function useAuditActions() {
  const catalogue = useQuery({
    queryKey: [...queryKeys.auditLogs, 'actions'],
    queryFn: () => api.get<AuditActionGroup[]>('/api/audit/actions'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return useMemo(() => {
    const groups = catalogue.data ?? [];
    const names = new Map(groups.flatMap((g) => Object.entries(g.actions)));
    return { options: actionOptions(groups), label: (code: string) => names.get(code) ?? code };
  }, [catalogue.data]);
}
