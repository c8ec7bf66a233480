import type {
  DepartmentStatsRowSchema,
  InboxCountsSchema,
  IntakeStatsRow,
  ParamSets,
  RiskProfile,
  RiskRow,
  RiskSubject,
  RuleStatsRowSchema,
  WarningDetail,
  WarningItem,
  WarningListQuery,
} from '@shtp/core/tempplate';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Page, toQueryString } from '../../api/client';

export type InboxCounts = z.infer<typeof InboxCountsSchema>;
export type RuleStatsRow = z.infer<typeof RuleStatsRowSchema>;
export type DepartmentStatsRow = z.infer<typeof DepartmentStatsRowSchema>;

export const tempplateKeys = {
  all: ['tempplate'],
  warnings: (q: Partial<WarningListQuery>) => ['tempplate', 'warnings', q],
  warning: (id: number) => ['tempplate', 'warning', id],
  counts: ['tempplate', 'counts'],
  stats: (from: string, to: string) => ['tempplate', 'stats', from, to],
} as const;

export function useWarnings(q: Partial<WarningListQuery>) {
  return useQuery({ queryKey: tempplateKeys.warnings(q), queryFn: () => api.get<Page<WarningItem>>('/api/tempplate/warnings', { ...q }) });
}

export function useWarning(id: number | null) {
  return useQuery({
    queryKey: tempplateKeys.warning(id ?? 0),
    queryFn: () => api.get<WarningDetail>(`/api/tempplate/warnings/${id}`),
    enabled: id !== null,
  });
}

export function useInboxCounts() {
  return useQuery({ queryKey: tempplateKeys.counts, queryFn: () => api.get<InboxCounts>('/api/tempplate/inbox/counts') });
}

export function useAssignableDepartments(enabled: boolean) {
  return useQuery({
    queryKey: ['tempplate', 'departments'],
    queryFn: () => api.get<{ id: number; name: string; code: string }[]>('/api/tempplate/orders/departments'),
    enabled,
  });
}

export function useRuleStats(from: string, to: string) {
  return useQuery({
    queryKey: [...tempplateKeys.stats(from, to), 'rules'],
    queryFn: () => api.get<RuleStatsRow[]>('/api/tempplate/stats/rules', { from, to }),
  });
}

export function useDepartmentStats(from: string, to: string) {
  return useQuery({
    queryKey: [...tempplateKeys.stats(from, to), 'departments'],
    queryFn: () => api.get<DepartmentStatsRow[]>('/api/tempplate/stats/departments', { from, to }),
  });
}

/** 临牌办理部门统计 (T12) between two days. */
export function useIntakeStats(from: string, to: string) {
  return useQuery({
    queryKey: [...tempplateKeys.stats(from, to), 'intake'],
    queryFn: () => api.get<IntakeStatsRow[]>('/api/tempplate/stats/intake', { from, to }),
  });
}
export const intakeStatsExportUrl = (from: string, to: string) => `/api/tempplate/stats/intake/export${toQueryString({ from, to })}`;
/** 临牌异常统计 (T11, department × month × rule) as Excel for the chosen months. */
export const anomalyStatsExportUrl = (from: string, to: string) => `/api/tempplate/stats/departments/export${toQueryString({ from, to })}`;

export function useRiskRanking(kind: RiskSubject, from: string, to: string) {
  return useQuery({ queryKey: ['tempplate', 'risk', kind, from, to], queryFn: () => api.get<RiskRow[]>('/api/tempplate/risk', { kind, from, to }) });
}

export function useRiskProfile(subject: { kind: RiskSubject; key: string } | null, from: string, to: string) {
  return useQuery({
    queryKey: ['tempplate', 'risk-profile', subject, from, to],
    queryFn: () => api.get<RiskProfile>('/api/tempplate/risk/profile', { kind: subject!.kind, key: subject!.key, from, to }),
    enabled: subject !== null,
  });
}

export function useParamSets() {
  return useQuery({ queryKey: ['tempplate', 'param-sets'], queryFn: () => api.get<ParamSets>('/api/tempplate/param-sets') });
}

/** The Excel export of the warnings under these filters (a plain link: the browser streams the download). */
export const warningsExportUrl = (q: Partial<WarningListQuery>) => `/api/tempplate/warnings/export${toQueryString({ ...q })}`;
