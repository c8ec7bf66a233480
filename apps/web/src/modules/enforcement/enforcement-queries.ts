import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page, type QueryParams } from '../../api/client';

/** One paged list of the enforcement console (violations, tests, samples, detentions, device readings, query log). */
export function useEnforcementPage<T>(path: string, query: QueryParams) {
  return useQuery({
    queryKey: ['enforcement', path, query],
    queryFn: () => api.get<Page<T>>(`/api/enforcement/${path}`, query),
    placeholderData: keepPreviousData,
  });
}

export function useEnforcementStats<T>(path: string, query: QueryParams) {
  return useQuery({ queryKey: ['enforcement', path, 'stats', query], queryFn: () => api.get<T[]>(`/api/enforcement/${path}/stats`, query) });
}
