import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { usePermission, useSession } from './session';

/** Sends visitors without a session to the login page, remembering where they wanted to go. */
export function RequireSignedIn({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** A session that must change its password, or present its second factor, may do nothing else. */
export function RequireCurrentPassword({ children }: { children: ReactNode }) {
  const { me } = useSession();
  if (me?.passwordChangeReason) return <Navigate to="/change-password" replace />;
  if (me?.pendingFactor) return <Navigate to="/factor" replace />;
  return children;
}

export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const can = usePermission();
  return can(permission) ? children : <ForbiddenPage />;
}
