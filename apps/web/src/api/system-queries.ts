import type { PermissionNode } from '@shtp/core/platform';
import type { Department, Role } from '@shtp/core/system';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { buildDepartmentTree } from '../shared/department-tree';
import { api } from './client';

/** Lists shared by several pages, cached under one key each so a change in one page refreshes the others. */
export const queryKeys = {
  departments: ['system', 'departments'],
  roles: ['system', 'roles'],
  permissions: ['system', 'permissions'],
  users: ['system', 'users'],
  dictTypes: ['system', 'dict', 'types'],
  dictItems: ['system', 'dict', 'items'],
  params: ['system', 'params'],
  sessions: ['system', 'sessions'],
  addressLocks: ['security', 'address-locks'],
  jobs: ['jobs'],
  auditLogs: ['audit', 'logs'],
} as const;

export function useDepartments() {
  return useQuery({ queryKey: queryKeys.departments, queryFn: () => api.get<Department[]>('/api/system/departments') });
}

/** The departments in the user's scope and their tree, built again only when the list changes. */
export function useDepartmentTree() {
  const departments = useDepartments();
  const tree = useMemo(() => buildDepartmentTree(departments.data ?? []), [departments.data]);
  return { departments, tree };
}

export function useRoles(enabled = true) {
  return useQuery({ queryKey: queryKeys.roles, queryFn: () => api.get<Role[]>('/api/system/roles'), enabled });
}

export function usePermissionTree() {
  return useQuery({ queryKey: queryKeys.permissions, queryFn: () => api.get<PermissionNode[]>('/api/system/permissions') });
}
