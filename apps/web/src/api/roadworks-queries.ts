import type { ExchangeDaySchema, RoadDetail, RoadSuggestion, RoadworksCase, WarningListSchema } from '@shtp/core/roadworks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Page, type QueryParams } from './client';

export type WarningList = z.infer<typeof WarningListSchema>;

export const roadworksKeys = {
  all: ['roadworks'],
  suggest: (q: string) => ['roadworks', 'suggest', q],
  road: (id: number) => ['roadworks', 'road', id],
  cases: (q: QueryParams) => ['roadworks', 'cases', q],
  case: (id: number) => ['roadworks', 'case', id],
  warnings: (q: QueryParams) => ['roadworks', 'warnings', q],
} as const;

/** Picker suggestions (name, alias, former name, pinyin, initials); nothing is asked for an empty input. */
export function useRoadSuggestions(q: string) {
  return useQuery({
    queryKey: roadworksKeys.suggest(q),
    queryFn: () => api.get<RoadSuggestion[]>('/api/roadworks/roads/suggest', { q }),
    enabled: q.trim() !== '',
    placeholderData: keepPreviousData,
  });
}

export function useRoad(id: number | null) {
  return useQuery({ queryKey: roadworksKeys.road(id ?? 0), queryFn: () => api.get<RoadDetail>(`/api/roadworks/roads/${id}`), enabled: id !== null });
}

export function useCases(q: QueryParams) {
  return useQuery({
    queryKey: roadworksKeys.cases(q),
    queryFn: () => api.get<Page<RoadworksCase>>('/api/roadworks/cases', q),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: number | null) {
  return useQuery({ queryKey: roadworksKeys.case(id ?? 0), queryFn: () => api.get<RoadworksCase>(`/api/roadworks/cases/${id}`), enabled: id !== null });
}

export function useWarnings(q: QueryParams) {
  return useQuery({ queryKey: roadworksKeys.warnings(q), queryFn: () => api.get<WarningList>('/api/roadworks/warnings', q) });
}

export type ExchangeDay = z.infer<typeof ExchangeDaySchema>;

export function useExchangeDay(date: string) {
  return useQuery({ queryKey: ['roadworks', 'exchange', date], queryFn: () => api.get<ExchangeDay>('/api/roadworks/exchange', { date }) });
}
