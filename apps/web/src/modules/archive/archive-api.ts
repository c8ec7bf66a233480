import { DOC_TYPES, type DocType } from '@shtp/core/archive';
import { EBIKE_BUSINESS_TYPES } from '@shtp/core/ebike';
import { useQuery } from '@tanstack/react-query';
import { api, type Page, type QueryParams } from '../../api/client';

export { ARCHIVE_P as AP } from '@shtp/core/archive';

export interface Missing {
  docType: DocType;
  required: number;
  present: number;
}
export interface ArchiveSummary {
  id: number;
  lsh: string;
  vehicleId: number;
  businessType: string;
  ownerType: string;
  applicant: string;
  plate: string | null;
  zcbm: string;
  departmentName: string | null;
  acceptedAt: string;
  version: number;
  complete: boolean;
  completedAt: string | null;
  missing: Missing[];
  legalHold: boolean;
  legalHoldReason: string | null;
  legalHoldBy: string | null;
  legalHoldAt: string | null;
  /** Disposal after the retention period (A5): asked for, then approved (`disposedAt`) by another person. */
  disposalReason: string | null;
  disposalRequestedByName: string | null;
  disposalRequestedAt: string | null;
  disposedByName: string | null;
  disposedAt: string | null;
}
interface DepartmentWarningCount {
  departmentId: number;
  departmentName: string;
  count: number;
  oldestAt: string;
}
/** 未齐全预警 in the caller's scope: the counts per department are totals, the item lists may be cut short. */
export interface ArchiveWarnings {
  hours: number;
  byDepartment: DepartmentWarningCount[];
  items: ArchiveSummary[];
  /** Accepted businesses whose archive was never opened (found every hour). */
  unopened: {
    byDepartment: DepartmentWarningCount[];
    items: { businessId: number; lsh: string; businessType: string; departmentName: string; acceptedAt: string }[];
  };
}

export function useArchiveWarnings() {
  return useQuery({ queryKey: ['archive', 'warnings'], queryFn: () => api.get<ArchiveWarnings>('/api/archive/warnings') });
}

export interface ArchivePage {
  id: number;
  docType: DocType;
  seq: number;
  mime: string;
  rendered: boolean;
  source: string;
  reason: string | null;
  addedInVersion: number;
  removedInVersion: number | null;
  replacesPageId: number | null;
  capturedByName: string;
  capturedAt: string;
}
export interface ArchiveDetail extends ArchiveSummary {
  signatureValid: boolean | null;
  /** Kept at least until then (archive.retention.years after acceptance); never deleted automatically. */
  retainUntil: string;
  pages: ArchivePage[];
}

export const docLabel = (t: string) => DOC_TYPES[t as DocType] ?? t;
export const businessLabel = (t: string) => EBIKE_BUSINESS_TYPES[t as keyof typeof EBIKE_BUSINESS_TYPES] ?? t;
export { missingText } from '@shtp/core/archive';
export const imageUrl = (pageId: number, size: 'thumb' | 'display') => `/api/archive/pages/${pageId}/image?size=${size}`;

export const archiveKeys = { all: ['archive'], one: (id: number) => ['archive', id] } as const;

export function useArchive(id: number) {
  return useQuery({ queryKey: archiveKeys.one(id), queryFn: () => api.get<ArchiveDetail>(`/api/archive/archives/${id}`) });
}

export function useArchiveSearch(query: QueryParams, enabled: boolean) {
  return useQuery({ queryKey: ['archive', 'search', query], queryFn: () => api.get<Page<ArchiveSummary>>('/api/archive/archives', query), enabled });
}
