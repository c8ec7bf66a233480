import type {
  AppointmentList,
  BusinessEntry,
  PiiViewBody,
  PlatePoolStatsSchema,
  PreregistrationDecision,
  PreregistrationDraft,
  PreregistrationItem,
  PreregistrationList,
  PreregistrationStatus,
  ProjectionReport,
  Reconciliation,
  UploadItemSchema,
  UploadStatsSchema,
  UploadStatus,
  VehicleDetail,
  VehicleLabelBody,
  VehicleSearchQuery,
  VehicleSummary,
} from '@shtp/core/ebike';
import type { Department } from '@shtp/core/system';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Page } from './client';

export type UploadItem = z.infer<typeof UploadItemSchema>;
export type UploadStats = z.infer<typeof UploadStatsSchema>;
export type PlatePoolStat = z.infer<typeof PlatePoolStatsSchema>[number];
export interface BusinessResult {
  vehicle: VehicleDetail;
  business: BusinessEntry;
}

/** 上传监控 refreshes itself at this pace, so a running upload is seen to finish. */
export const UPLOAD_REFRESH_MS = 10_000;

export const ebikeKeys = {
  all: ['ebike'],
  vehicle: (id: number) => ['ebike', 'vehicle', id],
  search: (query: VehicleSearchQuery) => ['ebike', 'search', query],
  uploads: ['ebike', 'uploads'],
  plates: ['ebike', 'plates'],
} as const;

/** The vehicle with its history, the owner masked. */
export function useVehicle(id: number) {
  return useQuery({ queryKey: ebikeKeys.vehicle(id), queryFn: () => api.get<VehicleDetail>(`/api/ebike/vehicles/${id}`) });
}

/**
 * The vehicle with the owner in clear, for a stated purpose and reason (permission-checked and audited each time).
 * Never cached: each view is one request and one audit record.
 */
export function viewPii(id: number, body: PiiViewBody) {
  return api.post<VehicleDetail>(`/api/ebike/vehicles/${id}/pii-view`, body);
}

/** Sets the vehicle record's security label (AC-6), with the reason kept in the audit log. */
export function setVehicleLabel(id: number, body: VehicleLabelBody) {
  return api.post<VehicleDetail>(`/api/ebike/vehicles/${id}/label`, body);
}

export function useVehicleSearch(query: VehicleSearchQuery | null) {
  return useQuery({
    queryKey: ebikeKeys.search(query ?? {}),
    queryFn: () => api.get<VehicleSummary[]>('/api/ebike/vehicles', { ...query }),
    enabled: query !== null,
  });
}

export function useUploadStats() {
  return useQuery({
    queryKey: [...ebikeKeys.uploads, 'stats'],
    queryFn: () => api.get<UploadStats>('/api/ebike/uploads/stats'),
    refetchInterval: UPLOAD_REFRESH_MS,
  });
}

/** 上传监控's filters as query parameters (the list adds paging; the export uses them as they are). */
export interface UploadFilters {
  status?: UploadStatus | undefined;
  plate?: string | undefined;
  lsh?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function useUploads(filter: UploadFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ebikeKeys.uploads, 'list', filter],
    queryFn: () => api.get<Page<UploadItem>>('/api/ebike/uploads', { ...filter }),
    refetchInterval: UPLOAD_REFRESH_MS,
  });
}

export function usePlateStats() {
  return useQuery({ queryKey: ebikeKeys.plates, queryFn: () => api.get<PlatePoolStat[]>('/api/ebike/plates/stats') });
}

/** Where the user may create a number series: the enabled departments of their data scope. */
export function usePlateDepartments() {
  return useQuery({ queryKey: [...ebikeKeys.plates, 'departments'], queryFn: () => api.get<Department[]>('/api/ebike/plates/departments') });
}

/**
 * One 电动自行车 business. The Idempotency-Key makes a retry of the same submission (double click, lost answer)
 * return the first result instead of registering twice.
 */
export function postBusiness(path: string, body: unknown, idempotencyKey: string) {
  return api.post<BusinessResult>(path, body, { 'Idempotency-Key': idempotencyKey });
}

/** The last check of the vehicle rows against their signed ledger (null before the first). */
/** The last projection check; `refreshMs` polls it (while a requested check has not reported yet). */
export function useProjectionReport(refreshMs: number | false = false) {
  return useQuery({
    queryKey: [...ebikeKeys.uploads, 'projection-report'],
    queryFn: () => api.get<ProjectionReport>('/api/ebike/uploads/projection-report'),
    refetchInterval: refreshMs,
  });
}

export function useReconciliations() {
  return useQuery({
    queryKey: [...ebikeKeys.uploads, 'reconciliations'],
    queryFn: () => api.get<Reconciliation[]>('/api/ebike/uploads/reconciliations'),
  });
}

/** 今日预约: one day's registration bookings that crossed from the internet zone (masked; each read audited). */
export function useAppointments(day: string) {
  return useQuery({
    queryKey: [...ebikeKeys.all, 'appointments', day],
    queryFn: () => api.get<AppointmentList>(`/api/ebike/appointments?day=${encodeURIComponent(day)}`),
  });
}

/** 网上预登记: the pre-registrations that crossed from the internet zone for this department (masked; each read audited). */
export function usePreregistrations(status: PreregistrationStatus | undefined) {
  return useQuery({
    queryKey: [...ebikeKeys.all, 'preregistrations', status ?? 'all'],
    queryFn: () => api.get<PreregistrationList>(`/api/ebike/preregistrations${status ? `?status=${status}` : ''}`),
  });
}

/** The owner of a pre-registration in clear, for a stated purpose and reason (audited). */
export function viewPreregistrationPii(preregNo: string, body: PiiViewBody) {
  return api.post<PreregistrationItem>(`/api/ebike/preregistrations/${preregNo}/pii-view`, body);
}

/** 注册登记 prefilled from an accepted pre-registration (the owner in clear for the window; each read audited). */
export function usePreregistrationDraft(preregNo: string | null) {
  return useQuery({
    queryKey: [...ebikeKeys.all, 'preregistration-draft', preregNo],
    queryFn: () => api.get<PreregistrationDraft>(`/api/ebike/preregistrations/${preregNo}/draft`),
    enabled: preregNo !== null,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}

/** 受理, or 退回 with a reason; a fresh Idempotency-Key per click. */
export function decidePreregistration(preregNo: string, body: PreregistrationDecision) {
  return api.post<PreregistrationItem>(`/api/ebike/preregistrations/${preregNo}/decision`, body, { 'Idempotency-Key': crypto.randomUUID() });
}
