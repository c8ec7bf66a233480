import type { Me } from '@shtp/core/platform';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { ApiRequestError, api, setCsrfToken, setSessionErrorHandler } from '../api/client';

const ME_KEY = ['auth', 'me'] as const;

interface Session {
  me: Me | null;
  /** Remember the user after login or a password change. */
  signedIn: (me: Me) => void;
  /** Forget the user and every cached answer (logout, expired or kicked session). */
  signedOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null;
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, retry: false, staleTime: Number.POSITIVE_INFINITY });

  const signedIn = useCallback(
    (me: Me) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(ME_KEY, me);
    },
    [queryClient],
  );
  const signedOut = useCallback(() => {
    setCsrfToken(null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, null);
  }, [queryClient]);

  useEffect(
    () =>
      setSessionErrorHandler((code) => {
        if (code === 'UNAUTHENTICATED') signedOut();
        // Reloading the user brings its passwordChangeReason, and the guard opens the change page.
        else queryClient.invalidateQueries({ queryKey: ME_KEY });
      }),
    [signedOut, queryClient],
  );

  const me = meQuery.data ?? null;
  const session = useMemo(() => ({ me, signedIn, signedOut }), [me, signedIn, signedOut]);

  if (meQuery.isPending) return <Spin fullscreen description="加载中…" />;
  if (meQuery.isError) {
    return <Result status="500" title="无法连接服务器" subTitle="请检查网络后重试" extra={<Button onClick={() => meQuery.refetch()}>重试</Button>} />;
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe must be used behind the sign-in guard');
  return me;
}

/** Whether the signed-in user holds a permission code. */
export function usePermission(): (code: string) => boolean {
  const { me } = useSession();
  return useCallback((code: string) => me?.permissions.includes(code) ?? false, [me]);
}
