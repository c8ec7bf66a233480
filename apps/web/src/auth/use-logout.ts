import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useSession } from './session';

/** Ends the session on the server, then forgets it here even if the server could not be reached. */
export function useLogout(): () => Promise<void> {
  const { signedOut } = useSession();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      // The local session is dropped regardless; the server expires it on its own.
    } finally {
      signedOut();
      navigate('/login', { replace: true });
    }
  }, [signedOut, navigate]);
}
