import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call, onSessionExpired, setCsrfToken } from '../api/client';
import type { Me, Problem, SessionInfo } from '../api/types';
import { changeLanguage } from './i18n';

/** Why nobody is signed in: shown on the sign-in page. */
export type SignedOutReason = 'expired' | 'signedOut' | null;

/** The password was right and the server asks for a second step: a code (verify) or setting one up (enrol). */
export type SecondStep = 'verify' | 'enrol';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: SignedOutReason; secondStep?: SecondStep }
  | { status: 'authenticated'; user: Me };

export interface Credentials {
  username: string;
  password: string;
}

export interface SessionContextValue {
  state: SessionState;
  /** Resolves to null on success, or to the server's problem. */
  signIn(credentials: Credentials): Promise<Problem | null>;
  signOut(): Promise<void>;
  /** Completes a sign-in whose second step answered with the session. */
  finishSignIn(session: SessionInfo): void;
  /** Leaves the second step: back to username and password. */
  restartSignIn(): void;
  /** Replaces the signed-in user's data after the server returned a newer copy (e.g. preferences). */
  updateUser(user: Me): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const start = useCallback((user: Me, csrfToken: string) => {
    // The token goes to the API client before any component can send a request with it.
    setCsrfToken(csrfToken);
    void changeLanguage(user.locale);
    setState({ status: 'authenticated', user });
  }, []);

  useEffect(() => {
    let active = true;
    void call(api.GET('/api/auth/session')).then((result) => {
      if (!active) return;
      if (result.ok) start(result.data.user, result.data.csrfToken);
      else setState({ status: 'anonymous', reason: null });
    });
    return () => {
      active = false;
    };
  }, [start]);

  useEffect(
    () =>
      onSessionExpired(() => {
        setCsrfToken(null);
        setState((previous) =>
          previous.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : previous,
        );
      }),
    [],
  );

  const signIn = useCallback(
    async (credentials: Credentials) => {
      const result = await call(api.POST('/api/auth/login', { body: credentials }));
      if (!result.ok) return result.problem;
      if ('secondFactor' in result.data) {
        setState({ status: 'anonymous', reason: null, secondStep: result.data.secondFactor });
        return null;
      }
      start(result.data.user, result.data.csrfToken);
      return null;
    },
    [start],
  );

  const signOut = useCallback(async () => {
    // Whatever the server answers, this browser forgets the session.
    await call(api.POST('/api/auth/logout'));
    setCsrfToken(null);
    setState({ status: 'anonymous', reason: 'signedOut' });
  }, []);

  const finishSignIn = useCallback((session: SessionInfo) => start(session.user, session.csrfToken), [start]);
  const restartSignIn = useCallback(() => setState({ status: 'anonymous', reason: null }), []);

  const updateUser = useCallback((user: Me) => {
    setState((previous) =>
      previous.status === 'authenticated' ? { status: 'authenticated', user } : previous,
    );
  }, []);

  const value = useMemo(
    () => ({ state, signIn, signOut, finishSignIn, restartSignIn, updateUser }),
    [state, signIn, signOut, finishSignIn, restartSignIn, updateUser],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** The signed-in user; only for components below the sign-in guard. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useMe is only available to signed-in users');
  return state.user;
}
