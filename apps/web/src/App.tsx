import { Route, Routes } from 'react-router';
import { RequireCurrentPassword, RequirePermission, RequireSignedIn } from './auth/guards';
import { AppLayout } from './layout/AppLayout';
import { registeredEntries } from './menu/registry';
import { ChangePasswordPage } from './pages/auth/ChangePasswordPage';
import { LoginPage } from './pages/auth/LoginPage';
import { Sm2FactorPage } from './pages/auth/Sm2FactorPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/change-password"
        element={
          <RequireSignedIn>
            <ChangePasswordPage />
          </RequireSignedIn>
        }
      />
      <Route
        path="/factor"
        element={
          <RequireSignedIn>
            <Sm2FactorPage />
          </RequireSignedIn>
        }
      />
      <Route
        element={
          <RequireSignedIn>
            <RequireCurrentPassword>
              <AppLayout />
            </RequireCurrentPassword>
          </RequireSignedIn>
        }
      >
        <Route index element={<HomePage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        {registeredEntries().map((entry) => (
          <Route key={entry.path} path={entry.path} element={<RequirePermission permission={entry.permission}>{entry.element}</RequirePermission>} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
